/**
 * Privacy, as WeChat treats a first-time user: getPrivacySetting says authorization is needed; a
 * privacy API first asks the listener registered with onNeedPrivacyAuthorization (once for
 * concurrent calls) and waits for its resolve(); agree passes only after a tap on an
 * agreePrivacyAuthorization button; disagree fails the pending calls (errno 104) and refuses
 * privacy APIs for a while. Mistakes in the app's handling are recorded as violations.
 */
import { fail, isRecord, optionsOf, str } from './helpers';
import type { SettleApi } from './settle-tracking';
import type { ApiTable, PrivacyListener, WxError, WxFake, WxFakeOptions } from './types';

const REFUSAL_WINDOW_MS = 10_000;
const DEFAULT_CONTRACT_NAME = '《小程序隐私保护指引》';

export interface FakePrivacy {
  state: WxFake['privacy'];
  /** What a privacy API does before running: passes once agreed, else asks the app's listener. */
  requirePrivacy(api: string): Promise<void>;
  apis: ApiTable;
}

interface PendingPrivacy {
  api: string;
  resolve: () => void;
  reject: (error: WxError) => void;
}

export function createPrivacy(settleApi: SettleApi, options: () => WxFakeOptions): FakePrivacy {
  let agreed = false;
  let refusedAt = -Infinity;
  let privacyListener: PrivacyListener | undefined;
  const agreeTaps = new Set<string>();
  const violations: string[] = [];
  let exposures = 0;
  let contractOpened = 0;
  let pendingPrivacy: PendingPrivacy[] = [];

  function settlePrivacy(outcome: 'agree' | 'disagree', reason?: string): void {
    const pending = pendingPrivacy;
    pendingPrivacy = [];
    for (const request of pending) {
      if (outcome === 'agree') request.resolve();
      else request.reject(fail(`${request.api}:fail ${reason ?? 'privacy permission is not authorized'}`, 104));
    }
  }

  function requirePrivacy(api: string): Promise<void> {
    if (agreed) return Promise.resolve();
    if (Date.now() - refusedAt < (options().privacyRefusalWindowMs ?? REFUSAL_WINDOW_MS))
      return Promise.reject(fail(`${api}:fail privacy permission is not authorized`, 104));
    return new Promise<void>((resolve, reject) => {
      pendingPrivacy.push({ api, resolve, reject });
      if (pendingPrivacy.length > 1) return; // the listener is asked once for concurrent calls
      const listener = privacyListener;
      if (!listener) return; // WeChat's own popup: the test answers with answerOfficialPopup()
      let answered = false;
      listener(
        (result) => {
          if (!isRecord(result)) {
            violations.push(`resolve() called with ${JSON.stringify(result)}`);
            return;
          }
          if (result.event === 'exposureAuthorization') {
            exposures += 1;
            return;
          }
          if (answered) {
            violations.push(`resolve({event:'${String(result.event)}'}) called twice for one request`);
            return;
          }
          if (result.event === 'agree') {
            const buttonId = str(result.buttonId);
            if (!agreeTaps.has(buttonId)) {
              answered = true;
              violations.push(`resolve({event:'agree', buttonId:'${buttonId}'}) without a tap on that agreePrivacyAuthorization button`);
              settlePrivacy('disagree', `privacy agree not allowed: button "${buttonId}" was not tapped`);
              return;
            }
            answered = true;
            agreed = true;
            settlePrivacy('agree');
          } else if (result.event === 'disagree') {
            answered = true;
            refusedAt = Date.now();
            settlePrivacy('disagree');
          } else {
            violations.push(`resolve() with unknown event ${JSON.stringify((result as { event?: unknown }).event)}`);
          }
        },
        { referrer: api },
      );
    });
  }

  const state: WxFake['privacy'] = {
    get agreed() {
      return agreed;
    },
    get pending() {
      return pendingPrivacy.length;
    },
    get exposures() {
      return exposures;
    },
    get contractOpened() {
      return contractOpened;
    },
    violations,
    recordAgreeTap(buttonId) {
      agreeTaps.add(buttonId);
      // The agree button itself grants authorization; resolve() tells pending calls.
      agreed = true;
    },
    answerOfficialPopup(event) {
      if (privacyListener) throw new Error('the app registered onNeedPrivacyAuthorization: WeChat shows no official popup');
      if (event === 'agree') agreed = true;
      else refusedAt = Date.now();
      settlePrivacy(event);
    },
    forgetRefusal() {
      refusedAt = -Infinity;
    },
    reset() {
      agreed = false;
      refusedAt = -Infinity;
      agreeTaps.clear();
      pendingPrivacy = [];
      exposures = 0;
    },
  };

  const apis: ApiTable = {
    getPrivacySetting(raw) {
      return settleApi('getPrivacySetting', optionsOf(raw), async () => ({
        needAuthorization: !agreed,
        privacyContractName: options().privacyContractName ?? DEFAULT_CONTRACT_NAME,
      }));
    },
    onNeedPrivacyAuthorization(listener) {
      privacyListener = typeof listener === 'function' ? (listener as PrivacyListener) : undefined;
    },
    requirePrivacyAuthorize(raw) {
      return settleApi('requirePrivacyAuthorize', optionsOf(raw), async (waitForUser) => {
        await waitForUser(requirePrivacy('requirePrivacyAuthorize'));
        return {};
      });
    },
    openPrivacyContract(raw) {
      contractOpened += 1;
      return settleApi('openPrivacyContract', optionsOf(raw), async () => ({}));
    },
  };

  return { state, requirePrivacy, apis };
}
