/** The fake WeChat's public surface; see README.md. */
export { startFakeWeChat, type FakeWeChat, type FakeWeChatOptions } from './fake-wechat';
export { FAILURE_MODES, FAKE_APIS, type FailureMode, type FailureTarget, type FakeApi } from './apis';
export type { FakeCall } from './call-log';
export { DEVTOOLS_OPENID, LOGIN_CODE_TTL_MS } from './login-codes';
export { FAKE_DEFAULT_APP_ID, FAKE_DEFAULT_APP_SECRET } from './state';
export { REVIEW_MARKER, RISKY_MARKER, decideVerdict } from './verdict-rule';
