/**
 * A stateful `wx` for headless mini program runs, with WeChat's semantics where they matter:
 * real HTTP for request/uploadFile, login codes from a configurable source, Map-backed storage,
 * recorded UI with scripted modal answers, privacy APIs behaving like a first-time user, and APIs
 * that return no real data (getUserProfile, getPhoneNumber, location…) throwing. Every call is
 * logged. One file per domain under `wx/`; this one composes them.
 *
 * Install it with `installWxFake()` BEFORE miniprogram-simulate is required (simulate copies
 * `global.wx` over its canned stubs); the app host then wires navigation to its page stack.
 */
import { randomBytes } from 'node:crypto';
import { createCloud } from './wx/cloud';
import { createLoggedProxy } from './wx/logged-proxy';
import { createMedia } from './wx/media';
import { createNavigation } from './wx/navigation';
import { createNetwork } from './wx/network';
import { createPrivacy } from './wx/privacy';
import { createWorkTracker } from './wx/settle-tracking';
import { createStorage } from './wx/storage';
import { createSystemInfo } from './wx/system-info';
import type { ApiTable, WxCall, WxFake, WxFakeOptions, WxNavigator } from './wx/types';
import { createUi } from './wx/ui';

export type * from './wx/types';
export { loginCodeFromUrl } from './wx/network';

export function createWxFake(initial: WxFakeOptions = {}): WxFake {
  let options: WxFakeOptions = { ...initial };
  let openid = initial.openid ?? `o_test_${randomBytes(6).toString('hex')}`;
  let navigator: WxNavigator | undefined;
  const calls: WxCall[] = [];
  const currentOptions = () => options;

  // The API surface: each domain adds its APIs; some call siblings through it (so a replaced API is seen).
  const api: ApiTable = {};
  const work = createWorkTracker();
  const { settleApi } = work;
  const privacy = createPrivacy(settleApi, currentOptions);
  const media = createMedia(settleApi, privacy.requirePrivacy);
  const network = createNetwork({
    settleApi,
    options: currentOptions,
    openid: () => openid,
    readFile: media.readFile,
    registerTempFile: media.registerTempFile,
  });
  const storage = createStorage(settleApi, api);
  const ui = createUi(settleApi, currentOptions);
  Object.assign(
    api,
    network.apis,
    storage.apis,
    ui.apis,
    createNavigation(settleApi, () => navigator),
    work.apis,
    createSystemInfo(api),
    privacy.apis,
    media.apis,
  );
  // An object, not an API: `wx.cloud.init()` / `wx.cloud.callFunction()` (wx/cloud.ts).
  (api as Record<string, unknown>).cloud = createCloud(settleApi).cloud;
  const proxy = createLoggedProxy(api, calls);

  return {
    wx: proxy.wx,
    calls,
    callsTo: (name) => calls.filter((c) => c.name === name).map((c) => c.args),
    requests: network.requests,
    storage: storage.storage,
    toasts: ui.toasts,
    modals: ui.modals,
    get loadingShown() {
      return ui.loadingShown;
    },
    answerNextModal: ui.answerNextModal,
    get openModals() {
      return ui.openModals;
    },
    answerOpenModal: ui.answerOpenModal,
    registerTempFile: media.registerTempFile,
    enqueueMedia: media.enqueueMedia,
    setOpenid: (value) => {
      openid = value;
    },
    get openid() {
      return openid;
    },
    configure: (next) => {
      options = { ...options, ...next };
      if (next.openid) openid = next.openid;
    },
    privacy: privacy.state,
    setNavigator: (value) => {
      navigator = value;
    },
    get inFlight() {
      return work.inFlight;
    },
    track: work.track,
    beginWork: work.beginWork,
    adoptFallback: proxy.adoptFallback,
  };
}

/** Creates the fake and installs it as global `wx` (do this before requiring miniprogram-simulate). */
export function installWxFake(options: WxFakeOptions = {}): WxFake {
  const fake = createWxFake(options);
  (globalThis as unknown as { wx: unknown }).wx = fake.wx;
  (globalThis as unknown as { __wxFake__: WxFake }).__wxFake__ = fake;
  return fake;
}

/** The fake installed by installWxFake, for the host. */
export function installedWxFake(): WxFake | undefined {
  return (globalThis as unknown as { __wxFake__?: WxFake }).__wxFake__;
}
