/**
 * Local fix for the privacy-authorization listener. miniprogram-api-typings 5.x types
 * `OnNeedPrivacyAuthorizationCallback` as `(res) => void`, but the base library calls it with
 * `(resolve, eventInfo)` and the app must call `resolve` (see the official docs of
 * wx.onNeedPrivacyAuthorization). This overload, merged into `Wx`, gives the real signature;
 * a two-parameter listener does not fit the wrong one, so calls always pick this overload.
 */
declare namespace WechatMiniprogram {
  /** What the app tells the base library about its own privacy popup. */
  type NeedPrivacyAuthorizationResolution =
    /** The custom popup is on screen (lets WeChat count the exposure). */
    | { event: 'exposureAuthorization' }
    /** The user tapped `<button open-type="agreePrivacyAuthorization" id="…">`; the base library checks that button was tapped. */
    | { event: 'agree'; buttonId: string }
    /** The user refused: the pending privacy API fails with "…:fail privacy permission is not authorized". */
    | { event: 'disagree' };

  type NeedPrivacyAuthorizationResolve = (resolution: NeedPrivacyAuthorizationResolution) => void;

  interface NeedPrivacyAuthorizationEventInfo {
    /** The API or component that needs authorization, e.g. "chooseMedia", "input.type.nickname". */
    referrer: string;
  }

  type NeedPrivacyAuthorizationListener = (resolve: NeedPrivacyAuthorizationResolve, eventInfo: NeedPrivacyAuthorizationEventInfo) => void;

  interface Wx {
    onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): void;
  }
}
