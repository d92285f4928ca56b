/**
 * Native UI: toasts and loading are recorded, not shown; showModal takes a scripted answer, waits
 * for the user (modalsWaitForUser: the automator host's Tool.native) or takes the default answer;
 * action sheets answer cancel; the rest (titles, scrolling, image preview, share menu) succeed.
 */
import { fail, optionsOf } from './helpers';
import type { SettleApi } from './settle-tracking';
import type { ApiTable, ModalAnswer, WxFakeOptions, WxOptions } from './types';

export interface FakeUi {
  readonly toasts: WxOptions[];
  readonly modals: WxOptions[];
  readonly loadingShown: boolean;
  answerNextModal(answer: ModalAnswer): void;
  readonly openModals: number;
  answerOpenModal(answer: ModalAnswer): boolean;
  apis: ApiTable;
}

const SUCCEEDING = ['hideToast', 'stopPullDownRefresh', 'setNavigationBarTitle', 'pageScrollTo', 'previewImage', 'showShareMenu'];

export function createUi(settleApi: SettleApi, options: () => WxFakeOptions): FakeUi {
  const toasts: WxOptions[] = [];
  const modals: WxOptions[] = [];
  const modalAnswers: ModalAnswer[] = [];
  const openModals: ((answer: ModalAnswer) => void)[] = [];
  let loadingShown = false;

  const apis: ApiTable = {
    showToast(raw) {
      const opts = optionsOf(raw);
      toasts.push(opts);
      return settleApi('showToast', opts, async () => ({}));
    },
    showLoading(raw) {
      loadingShown = true;
      return settleApi('showLoading', optionsOf(raw), async () => ({}));
    },
    hideLoading(raw) {
      loadingShown = false;
      return settleApi('hideLoading', optionsOf(raw), async () => ({}));
    },
    showModal(raw) {
      const opts = optionsOf(raw);
      modals.push(opts);
      const scripted = modalAnswers.shift();
      return settleApi('showModal', opts, async (waitForUser) => {
        const answer =
          scripted ??
          (options().modalsWaitForUser
            ? await waitForUser(new Promise<ModalAnswer>((resolve) => openModals.push(resolve)))
            : (options().defaultModalAnswer ?? { confirm: false }));
        return { confirm: answer.confirm, cancel: !answer.confirm, ...(opts.editable === true ? { content: answer.content ?? '' } : {}) };
      });
    },
    showActionSheet(raw) {
      return settleApi('showActionSheet', optionsOf(raw), async () => {
        throw fail('showActionSheet:fail cancel');
      });
    },
  };
  for (const name of SUCCEEDING) apis[name] = (raw) => settleApi(name, optionsOf(raw), async () => ({}));

  return {
    toasts,
    modals,
    get loadingShown() {
      return loadingShown;
    },
    answerNextModal: (answer) => {
      modalAnswers.push(answer);
    },
    get openModals() {
      return openModals.length;
    },
    answerOpenModal(answer) {
      const resolve = openModals.shift();
      resolve?.(answer);
      return resolve !== undefined;
    },
    apis,
  };
}
