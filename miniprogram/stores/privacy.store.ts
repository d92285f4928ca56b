/**
 * The privacy-authorization popup's state: whether it is shown, which API or component asked
 * (eventInfo.referrer), and the id of the pending request the privacy service will resolve. The
 * resolve callback itself stays in the service (a function is neither state nor setData-able).
 */
import { makeAutoObservable } from 'mobx-miniprogram';

export class PrivacyStore {
  visible = false;
  /** e.g. "chooseMedia", "input.type.nickname"; '' when nothing is pending. */
  referrer = '';
  /** Id of the pending onNeedPrivacyAuthorization call; null when none. */
  requestId: number | null = null;

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  show(referrer: string, requestId: number): void {
    this.visible = true;
    this.referrer = referrer;
    this.requestId = requestId;
  }

  hide(): void {
    this.visible = false;
    this.referrer = '';
    this.requestId = null;
  }
}
