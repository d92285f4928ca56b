/** The fake WeChat's public surface; see README.md. */
export { startFakeWeChat, type FakeWeChat, type FakeWeChatOptions } from './fake-wechat';
export { FAILURE_MODES, FAKE_APIS, type FailureMode, type FailureTarget, type FakeApi } from './apis';
export type { FakeCall } from './call-log';
export { DEVTOOLS_OPENID, LOGIN_CODE_TTL_MS } from './login-codes';
export { FAKE_DEFAULT_APP_ID, FAKE_DEFAULT_APP_SECRET, FAKE_DEFAULT_ORIGINAL_ID } from './state';
export { REVIEW_MARKER, RISKY_MARKER, REVIEW_IMAGE_WIDTH, RISKY_IMAGE_WIDTH, decideVerdict, decideImageVerdict } from './verdict-rule';
export { UNKNOWN_TRACE_OPENID, type FakeMediaCheck, type PushForOptions } from './media-checks';
export type { MediaCheckEvent, MediaCheckDetail } from './media-check-event';
export { DOWNLOAD_FAILED, MEDIA_TOO_LARGE } from './media-download';
export { NOT_AN_IMAGE } from './media-judgement';
export {
  DEFAULT_PUSH_DELAY_MS,
  FAKE_DEFAULT_PUSH_AES_KEY,
  FAKE_DEFAULT_PUSH_TOKEN,
  type FakePushConfig,
  type FakePushOptions,
  type PushMode,
} from './push-config';
export { PUSH_REPLY_TIMEOUT_MS } from './push-delivery';
export type { FakePush } from './push-log';
