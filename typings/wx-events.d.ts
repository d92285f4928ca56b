/**
 * Event types miniprogram-api-typings does not declare: the open-type buttons and the nickname
 * input that a community app's profile form and privacy popup use.
 *
 *   <button open-type="chooseAvatar" bind:chooseavatar="onChooseAvatar">         → ChooseAvatarEvent
 *   <button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization> → AgreePrivacyAuthorizationEvent
 *   <input type="nickname" bindnicknamereview="onNicknameReview">                → NicknameReviewEvent
 */
declare namespace WechatMiniprogram {
  interface ChooseAvatarDetail {
    /** A temporary file path: the app uploads it itself (POST /media, purpose avatar). */
    avatarUrl: string;
  }
  type ChooseAvatarEvent = CustomEvent<ChooseAvatarDetail>;

  /** The detail carries nothing useful; what matters is that it fired for the button with this id. */
  type AgreePrivacyAuthorizationEvent = CustomEvent<{ errMsg?: string }>;

  interface NicknameReviewDetail {
    /** false: WeChat's own check refused the nickname and cleared the input. */
    pass: boolean;
    /** true: WeChat's check timed out (the nickname is kept; our server checks it again). */
    timeout: boolean;
  }
  type NicknameReviewEvent = CustomEvent<NicknameReviewDetail>;
}
