/**
 * The fake's access tokens, with getStableAccessToken's rules: a normal request returns the
 * current token while it has more than 5 minutes left, a forced one always mints a new token,
 * and an unknown token is 40001 while an expired one is 42001.
 */
import { randomBytes } from 'node:crypto';

export const TOKEN_LIFETIME_SECONDS = 7200;
const RENEW_WINDOW_MS = 5 * 60_000;

export class FakeAccessTokens {
  private readonly expiries = new Map<string, number>();
  private current: string | undefined;

  constructor(private readonly now: () => number) {}

  obtain(forceRefresh: boolean): { access_token: string; expires_in: number } {
    const now = this.now();
    const expiresAt = this.current === undefined ? undefined : this.expiries.get(this.current);
    if (!forceRefresh && this.current !== undefined && expiresAt !== undefined && expiresAt - now > RENEW_WINDOW_MS) {
      return { access_token: this.current, expires_in: Math.floor((expiresAt - now) / 1000) };
    }
    const token = randomBytes(48).toString('base64url');
    this.expiries.set(token, now + TOKEN_LIFETIME_SECONDS * 1000);
    this.current = token;
    return { access_token: token, expires_in: TOKEN_LIFETIME_SECONDS };
  }

  /** 0 when WeChat would accept the token, else the errcode it would answer. */
  check(token: string | undefined): 0 | 40001 | 42001 {
    const expiresAt = token === undefined ? undefined : this.expiries.get(token);
    if (expiresAt === undefined) return 40001;
    return this.now() < expiresAt ? 0 : 42001;
  }

  /** Ends a token's life now, as if its 2 hours had passed (failure mode `expired_token`). */
  expire(token: string | undefined): void {
    if (token !== undefined && this.expiries.has(token)) this.expiries.set(token, this.now());
  }

  clear(): void {
    this.expiries.clear();
    this.current = undefined;
  }
}
