/**
 * Everything the fake WeChat remembers, in one object the route groups share: the app's
 * credentials, issued login codes, access tokens, planned failures, the call log, and the
 * media-check jobs with their pushes.
 */
import { FakeAccessTokens } from './access-tokens';
import { CallLog } from './call-log';
import { FailurePlan } from './failure-plan';
import { HeldResponses } from './held-responses';
import { LoginCodes } from './login-codes';
import { MediaChecks } from './media-checks';
import type { FakePushOptions } from './push-config';

/** The same development credentials as the server's configuration defaults. */
export const FAKE_DEFAULT_APP_ID = 'wxdevelopment0000';
export const FAKE_DEFAULT_APP_SECRET = 'development-only-app-secret';
/** The mini program's original ID (gh_ + 12 hex digits), the ToUserName of every push. */
export const FAKE_DEFAULT_ORIGINAL_ID = 'gh_de0f0a4e0000';
/** Longer than any sane client timeout, short enough that a forgotten hold ends on its own. */
export const DEFAULT_TIMEOUT_HOLD_MS = 10_000;

export interface FakeWeChatStateOptions {
  appId?: string;
  appSecret?: string;
  timeoutHoldMs?: number;
  now?: () => number;
  originalId?: string;
  push?: FakePushOptions;
  /** Where background work (pushes) reports trouble; Fastify's logger in practice. */
  log?: { warn(obj: object, msg: string): void };
}

export class FakeWeChatState {
  readonly appId: string;
  readonly appSecret: string;
  readonly originalId: string;
  readonly timeoutHoldMs: number;
  readonly now: () => number;
  readonly loginCodes: LoginCodes;
  readonly accessTokens: FakeAccessTokens;
  readonly failures = new FailurePlan();
  readonly calls = new CallLog();
  readonly held = new HeldResponses();
  readonly media: MediaChecks;

  constructor(options: FakeWeChatStateOptions = {}) {
    this.appId = options.appId ?? FAKE_DEFAULT_APP_ID;
    this.appSecret = options.appSecret ?? FAKE_DEFAULT_APP_SECRET;
    this.timeoutHoldMs = options.timeoutHoldMs ?? DEFAULT_TIMEOUT_HOLD_MS;
    this.now = options.now ?? Date.now;
    this.loginCodes = new LoginCodes(this.now);
    this.accessTokens = new FakeAccessTokens(this.now);
    this.originalId = options.originalId ?? FAKE_DEFAULT_ORIGINAL_ID;
    this.media = new MediaChecks({
      appId: this.appId,
      originalId: this.originalId,
      now: this.now,
      push: options.push,
      log: options.log ?? { warn: () => undefined },
    });
  }

  /**
   * Back to a fresh start (between tests); requests being held are let go, media checks in
   * progress are dropped, pushes are forgotten and no longer held. The push configuration stays:
   * it is setup, like the app's credentials.
   */
  reset(): void {
    this.loginCodes.clear();
    this.accessTokens.clear();
    this.failures.clear();
    this.calls.clear();
    this.held.releaseAll();
    this.media.reset();
  }
}
