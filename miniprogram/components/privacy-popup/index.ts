/**
 * The privacy-authorization popup. Every page includes it once; it shows itself when the
 * privacy service reports a pending authorization (a privacy API is about to run) that its own
 * page asked for, and only while that page is visible: tab pages kept alive underneath, and the
 * pages opened after it, never show it. It tells the service when its page comes to the front
 * and when it is unloaded; the service refuses a request whose page the user has left.
 * Agree must go through the `open-type="agreePrivacyAuthorization"` button: the base library
 * checks that this button was tapped before it accepts the agreement.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { agree, disagree, enterPage, leavePage, newPageKey, openContract } from '../../services/privacy.service';
import { privacyStore } from '../../stores/index';
import { PRIVACY_GUIDELINE_NAME } from '../../utils/copy';

export const AGREE_BUTTON_ID = 'privacy-agree';

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  storeBindings: {
    store: privacyStore,
    fields: { pending: () => privacyStore.visible, ownerPage: () => privacyStore.ownerPage },
    actions: [],
  },
  data: {
    pending: false,
    ownerPage: null as number | null,
    pageKey: 0,
    pageVisible: true,
    agreeButtonId: AGREE_BUTTON_ID,
    guidelineName: PRIVACY_GUIDELINE_NAME,
  },
  lifetimes: {
    // Attached before the page's onLoad, so a request made while the page loads is already its own.
    attached() {
      const pageKey = newPageKey();
      this.setData({ pageKey });
      enterPage(pageKey);
    },
    detached() {
      leavePage(this.data.pageKey);
    },
  },
  pageLifetimes: {
    show() {
      this.setData({ pageVisible: true });
      enterPage(this.data.pageKey);
    },
    hide() {
      this.setData({ pageVisible: false });
    },
  },
  methods: {
    onAgree() {
      agree(AGREE_BUTTON_ID);
    },
    onDisagree() {
      disagree();
    },
    onOpenContract() {
      // Fails only when no guideline is configured in the admin console; nothing to show the user then.
      openContract().catch(() => undefined);
    },
  },
});
