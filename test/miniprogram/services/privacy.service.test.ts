/**
 * @jest-environment node
 */
import { flush, installWxStub, type WxStub } from './wx-stub';

async function load() {
  jest.resetModules();
  const privacy = await import('../../../miniprogram/services/privacy.service');
  const { privacyStore } = await import('../../../miniprogram/stores');
  return { privacy, privacyStore };
}

let wx: WxStub;
beforeEach(() => {
  wx = installWxStub();
});

it('registers the listener once; a second install is ignored', async () => {
  const { privacy } = await load();
  expect(privacy.installPrivacyListener()).toBe(true);
  expect(privacy.installPrivacyListener()).toBe(false);
  expect(wx.privacyListeners).toHaveLength(1);
});

it('shows the popup, reports exposure, and resolves only once the agree button id is given', async () => {
  const { privacy, privacyStore } = await load();
  privacy.installPrivacyListener();
  let settled = false;
  const authorization = privacy.requireAuthorization().then(() => {
    settled = true;
  });
  expect(privacyStore).toMatchObject({ visible: true, referrer: 'requirePrivacyAuthorize' });
  expect(privacyStore.requestId).not.toBeNull();
  expect(wx.privacyResolutions).toEqual([{ event: 'exposureAuthorization' }]);
  await flush();
  expect(settled).toBe(false);

  expect(privacy.agree('')).toBe(false);
  expect(wx.privacyResolutions).toHaveLength(1);

  // The popup lost its state (agree('') hides it) but the call still waits for a real answer.
  expect(privacy.hasPendingAuthorization()).toBe(true);
  expect(privacy.agree('agree-btn')).toBe(true);
  await authorization;
  expect(settled).toBe(true);
  expect(wx.privacyResolutions[1]).toEqual({ event: 'agree', buttonId: 'agree-btn' });
  expect(privacyStore.visible).toBe(false);

  // Agreed once: later calls pass without a popup.
  await privacy.requireAuthorization();
  expect(wx.privacyResolutions).toHaveLength(2);
});

it('disagree rejects with a typed error the caller can explain', async () => {
  const { privacy, privacyStore } = await load();
  privacy.installPrivacyListener();
  const authorization = privacy.requireAuthorization();
  expect(privacy.disagree()).toBe(true);
  await expect(authorization).rejects.toBeInstanceOf(privacy.PrivacyDeclinedError);
  await expect(authorization).rejects.toMatchObject({ code: 'privacy_declined', userMessage: '需要先同意《隐私保护指引》才能使用此功能' });
  expect(wx.privacyResolutions).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  expect(privacyStore.visible).toBe(false);
});

it('one answer settles every privacy call waiting at that moment', async () => {
  const { privacy } = await load();
  privacy.installPrivacyListener();
  const first = privacy.requireAuthorization();
  const second = privacy.requireAuthorization();
  privacy.agree('agree-btn');
  await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
  expect(wx.privacyResolutions.filter((r) => r.event === 'agree')).toHaveLength(2);
});

it('openContract opens the guideline', async () => {
  const { privacy } = await load();
  await expect(privacy.openContract()).resolves.toBeUndefined();
});

it('refuses a request when another page comes to the front, not when its own page shows again', async () => {
  const { privacy, privacyStore } = await load();
  privacy.installPrivacyListener();
  const asking = privacy.newPageKey();
  const next = privacy.newPageKey();
  privacy.enterPage(asking);
  const authorization = privacy.requireAuthorization();
  expect(privacyStore.ownerPage).toBe(asking);

  // Back from the app's background (or the guideline page): still its own, still waiting.
  privacy.enterPage(asking);
  expect(privacy.hasPendingAuthorization()).toBe(true);

  privacy.enterPage(next);
  await expect(authorization).rejects.toBeInstanceOf(privacy.PrivacyDeclinedError);
  expect(wx.privacyResolutions).toEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  expect(privacyStore).toMatchObject({ visible: false, ownerPage: null, frontPage: next });
});

it('refuses a request when the page that asked is unloaded, and ignores other pages leaving', async () => {
  const { privacy } = await load();
  privacy.installPrivacyListener();
  const underneath = privacy.newPageKey();
  const asking = privacy.newPageKey();
  privacy.enterPage(underneath);
  privacy.enterPage(asking);
  const authorization = privacy.requireAuthorization();
  privacy.leavePage(underneath);
  expect(privacy.hasPendingAuthorization()).toBe(true);
  privacy.leavePage(asking);
  await expect(authorization).rejects.toMatchObject({ code: 'privacy_declined' });
  expect(privacy.hasPendingAuthorization()).toBe(false);
});
