/**
 * The privacy-authorization popup's state: whether it is shown, which API or component asked
 * (eventInfo.referrer), the id of the pending request the privacy service will resolve, and which
 * page it belongs to. A request belongs to the page that was in front when it was made: only that
 * page's popup shows it. Pages are known by the key their popup took (`enterPage`), so the store
 * needs no page objects. The resolve callback itself stays in the service (a function is neither
 * state nor setData-able).
 */
import { makeAutoObservable } from 'mobx-miniprogram';

export class PrivacyStore {
  visible = false;
  /** e.g. "chooseMedia", "input.type.nickname"; '' when nothing is pending. */
  referrer = '';
  /** Id of the pending onNeedPrivacyAuthorization call; null when none. */
  requestId: number | null = null;
  /** The page the pending request belongs to; null when none (or asked before any page showed). */
  ownerPage: number | null = null;
  /** The page in front, as its popup last reported it. */
  frontPage: number | null = null;

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  /** A request is pending: it belongs to the page in front now. */
  show(referrer: string, requestId: number): void {
    this.visible = true;
    this.referrer = referrer;
    this.requestId = requestId;
    this.ownerPage = this.frontPage;
  }

  hide(): void {
    this.visible = false;
    this.referrer = '';
    this.requestId = null;
    this.ownerPage = null;
  }

  enterPage(pageKey: number): void {
    this.frontPage = pageKey;
  }

  /** Whether a pending request belongs to a page other than `pageKey`. */
  pendingElsewhere(pageKey: number): boolean {
    return this.visible && this.ownerPage !== null && this.ownerPage !== pageKey;
  }
}
