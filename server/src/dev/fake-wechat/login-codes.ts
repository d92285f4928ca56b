/**
 * What `wx.login` codes mean to the fake: which user each stands for, and whether it can still
 * be exchanged. Mirrors WeChat: a code is single-use and lives 5 minutes.
 *
 * Codes the fake never issued are accepted once, all as the same user `o_devtools_user`, because
 * WeChat DevTools (and a phone) get their codes from the real WeChat: this lets a developer log
 * in from DevTools against the fake without any setup. Codes starting with `invalid` are always
 * refused, so a client can provoke 40029 without talking to the fake first.
 */
import { randomBytes } from 'node:crypto';

export const LOGIN_CODE_TTL_MS = 5 * 60_000;
export const DEVTOOLS_OPENID = 'o_devtools_user';
export const INVALID_CODE_PREFIX = 'invalid';

export class LoginCodes {
  private readonly issued = new Map<string, { openid: string; expiresAt: number }>();
  /** Every code ever exchanged (issued or not). Grows for the fake's lifetime: fine for development. */
  private readonly spent = new Set<string>();

  constructor(private readonly now: () => number) {}

  issue(openid: string = randomOpenid()): string {
    const code = randomBytes(16).toString('hex');
    this.issued.set(code, { openid, expiresAt: this.now() + LOGIN_CODE_TTL_MS });
    return code;
  }

  /** The openid behind `code`, or undefined when WeChat would answer 40029. */
  redeem(code: string): string | undefined {
    if (code.startsWith(INVALID_CODE_PREFIX) || this.spent.has(code)) return undefined;
    this.spent.add(code);
    const entry = this.issued.get(code);
    if (!entry) return DEVTOOLS_OPENID;
    this.issued.delete(code);
    return this.now() < entry.expiresAt ? entry.openid : undefined;
  }

  clear(): void {
    this.issued.clear();
    this.spent.clear();
  }
}

/** Same length and leading `o` as real openids, so format assumptions surface in development. */
export function randomOpenid(): string {
  return `o${randomBytes(20).toString('base64url')}`;
}
