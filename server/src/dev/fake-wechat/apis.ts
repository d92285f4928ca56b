/**
 * The WeChat APIs the fake answers, named as WeChat's URL paths name them. Failure injection and
 * the call log are keyed by these names; a new API group adds its name here first.
 */
export const FAKE_APIS = ['jscode2session', 'stable_token', 'msg_sec_check', 'media_check_async'] as const;
export type FakeApi = (typeof FAKE_APIS)[number];

/** APIs called with `?access_token=`; only they can be told to answer 42001 (`expired_token`). */
export const TOKEN_APIS: ReadonlySet<FakeApi> = new Set<FakeApi>(['msg_sec_check', 'media_check_async']);

export const FAILURE_MODES = ['busy', 'timeout', 'http500', 'expired_token'] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

/** `'*'` targets whichever API is called next. */
export type FailureTarget = FakeApi | '*';
