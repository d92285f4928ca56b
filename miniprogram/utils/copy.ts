/**
 * Words the app uses in several places, written once: the privacy guideline's one name (the
 * admin console calls it 用户隐私保护指引; users only ever read this), and the one ban wording
 * (禁言, as in the moderation desk and the audit log).
 */
export const PRIVACY_GUIDELINE_NAME = '《隐私保护指引》';
export const BANNED_MESSAGE = '你的账号已被禁言';
