/**
 * Privacy authorization (enforced since 2023-10-17). Registers wx.onNeedPrivacyAuthorization
 * once for the whole app, so the custom popup (bound to privacy.store) appears at the moment a
 * privacy API or component is about to be used. The popup's buttons call agree() / disagree();
 * both settle every pending call. requireAuthorization() asks before a flow that will use privacy
 * APIs (e.g. the nickname input, which cannot raise the popup itself).
 *
 * A pending request belongs to the page that asked. Every page's popup reports when its page comes
 * to the front (enterPage) and when it is gone (leavePage); leaving a page with its request
 * unanswered answers it as a refusal, so the privacy API fails as WeChat fails it after 不同意,
 * and no other page ever shows a popup it did not ask for.
 */
import { privacyStore } from '../stores';
import { PRIVACY_GUIDELINE_NAME } from '../utils/copy';

/** The user declined (or WeChat refused within 10 s of a refusal): cancel the action and explain. */
export class PrivacyDeclinedError extends Error {
  override readonly name = 'PrivacyDeclinedError';
  readonly code = 'privacy_declined';
  readonly userMessage = `需要先同意${PRIVACY_GUIDELINE_NAME}才能使用此功能`;

  constructor(readonly detail: string = 'privacy permission is not authorized') {
    super(detail);
  }
}

let installed = false;
let nextRequestId = 1;
let nextPageKey = 1;
/** Several privacy APIs may wait at once; one answer from the user settles them all. */
const pending = new Map<number, WechatMiniprogram.NeedPrivacyAuthorizationResolve>();

function settle(resolution: WechatMiniprogram.NeedPrivacyAuthorizationResolution): void {
  const resolves = [...pending.values()];
  pending.clear();
  privacyStore.hide();
  for (const resolve of resolves) resolve(resolution);
}

/**
 * Registers the listener; later calls do nothing (registration is last-wins in WeChat, so a
 * second listener would steal the first one's pending calls). Returns whether it registered now.
 * On a base library without the API (< 2.32.3) there is nothing to register.
 */
export function installPrivacyListener(): boolean {
  if (installed || typeof wx.onNeedPrivacyAuthorization !== 'function') return false;
  installed = true;
  wx.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    const requestId = nextRequestId++;
    pending.set(requestId, resolve);
    privacyStore.show(eventInfo.referrer, requestId);
    // The popup renders from the store in the same tick: report it as shown.
    resolve({ event: 'exposureAuthorization' });
  });
  return true;
}

/**
 * Call from the agree button's `bindagreeprivacyauthorization` handler with that button's id
 * (`event.currentTarget.id`): the base library checks the button was tapped. Returns false when
 * nothing was pending.
 */
export function agree(buttonId: string): boolean {
  if (buttonId === '' || pending.size === 0) {
    privacyStore.hide();
    return false;
  }
  settle({ event: 'agree', buttonId });
  return true;
}

/** The pending privacy APIs fail with "…:fail privacy permission is not authorized". */
export function disagree(): boolean {
  if (pending.size === 0) {
    privacyStore.hide();
    return false;
  }
  settle({ event: 'disagree' });
  return true;
}

/** A key for one page's popup, taken when it attaches. */
export function newPageKey(): number {
  return nextPageKey++;
}

/**
 * The page of `pageKey` is in front (opened, or shown again). A request another page left
 * unanswered is answered as a refusal first: the user has moved on without agreeing.
 */
export function enterPage(pageKey: number): void {
  if (privacyStore.pendingElsewhere(pageKey) && pending.size > 0) settle({ event: 'disagree' });
  privacyStore.enterPage(pageKey);
}

/** The page of `pageKey` is unloaded: its unanswered request is refused. */
export function leavePage(pageKey: number): void {
  if (privacyStore.visible && privacyStore.ownerPage === pageKey && pending.size > 0) settle({ event: 'disagree' });
}

export function hasPendingAuthorization(): boolean {
  return pending.size > 0;
}

/**
 * Resolves once the user has agreed (at once if they already had); rejects with
 * PrivacyDeclinedError when they decline, so the caller cancels its action and explains.
 */
export function requireAuthorization(): Promise<void> {
  if (typeof wx.requirePrivacyAuthorize !== 'function') return Promise.resolve();
  return new Promise((resolve, reject) => {
    wx.requirePrivacyAuthorize({
      success: () => resolve(),
      fail: (err) => reject(new PrivacyDeclinedError(err.errMsg)),
    });
  });
}

/** Whether the user still has to agree, and the guideline's name (e.g. 《XX小程序隐私保护指引》). */
export function getPrivacySetting(): Promise<{ needAuthorization: boolean; privacyContractName: string }> {
  if (typeof wx.getPrivacySetting !== 'function') return Promise.resolve({ needAuthorization: false, privacyContractName: '' });
  return new Promise((resolve, reject) => {
    wx.getPrivacySetting({
      success: (res) => resolve({ needAuthorization: res.needAuthorization, privacyContractName: res.privacyContractName }),
      fail: (err) => reject(new PrivacyDeclinedError(err.errMsg)),
    });
  });
}

/** Opens the privacy guideline configured in the admin console. */
export function openContract(): Promise<void> {
  return new Promise((resolve, reject) => {
    wx.openPrivacyContract({
      success: () => resolve(),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}
