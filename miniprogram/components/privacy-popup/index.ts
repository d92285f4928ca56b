/**
 * The privacy-authorization popup. Every page includes it once; it shows itself when the
 * privacy service reports a pending authorization (a privacy API is about to run) and only on
 * the page that is visible, so tab pages kept alive in the background never pop up.
 * Agree must go through the `open-type="agreePrivacyAuthorization"` button: the base library
 * checks that this button was tapped before it accepts the agreement.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { agree, disagree, openContract } from '../../services/privacy.service';
import { privacyStore } from '../../stores/index';

export const AGREE_BUTTON_ID = 'privacy-agree';

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  storeBindings: {
    store: privacyStore,
    fields: { pending: () => privacyStore.visible },
    actions: [],
  },
  data: { pending: false, pageVisible: true, agreeButtonId: AGREE_BUTTON_ID },
  pageLifetimes: {
    show() {
      this.setData({ pageVisible: true });
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
