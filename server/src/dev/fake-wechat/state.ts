/**
 * Everything the fake WeChat remembers, in one object the route groups share: the app's
 * credentials, issued login codes, access tokens, planned failures and the call log.
 */
import { FakeAccessTokens } from './access-tokens';
import { CallLog } from './call-log';
import { FailurePlan } from './failure-plan';
import { HeldResponses } from './held-responses';
import { LoginCodes } from './login-codes';

/** The same development credentials as the server's configuration defaults. */
export const FAKE_DEFAULT_APP_ID = 'wxdevelopment0000';
export const FAKE_DEFAULT_APP_SECRET = 'development-only-app-secret';
/** Longer than any sane client timeout, short enough that a forgotten hold ends on its own. */
export const DEFAULT_TIMEOUT_HOLD_MS = 10_000;

export interface FakeWeChatStateOptions {
  appId?: string;
  appSecret?: string;
  timeoutHoldMs?: number;
  now?: () => number;
}

export class FakeWeChatState {
  readonly appId: string;
  readonly appSecret: string;
  readonly timeoutHoldMs: number;
  readonly now: () => number;
  readonly loginCodes: LoginCodes;
  readonly accessTokens: FakeAccessTokens;
  readonly failures = new FailurePlan();
  readonly calls = new CallLog();
  readonly held = new HeldResponses();

  constructor(options: FakeWeChatStateOptions = {}) {
    this.appId = options.appId ?? FAKE_DEFAULT_APP_ID;
    this.appSecret = options.appSecret ?? FAKE_DEFAULT_APP_SECRET;
    this.timeoutHoldMs = options.timeoutHoldMs ?? DEFAULT_TIMEOUT_HOLD_MS;
    this.now = options.now ?? Date.now;
    this.loginCodes = new LoginCodes(this.now);
    this.accessTokens = new FakeAccessTokens(this.now);
  }

  /** Back to a fresh start (between tests); requests being held are let go. */
  reset(): void {
    this.loginCodes.clear();
    this.accessTokens.clear();
    this.failures.clear();
    this.calls.clear();
    this.held.releaseAll();
  }
}
