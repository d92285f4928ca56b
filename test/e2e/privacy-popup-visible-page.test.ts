/**
 * The privacy popup belongs to the page that asked. It appears on the page the user is looking at,
 * and only there: 我的 (a tab page) stays alive underneath 设置头像昵称 and never shows it. Leaving
 * the page without answering answers it as a refusal: the privacy API it guarded fails as after
 * 不同意, and neither the next page nor the page underneath shows the popup. After 同意 it is gone
 * everywhere.
 */
import { component, currentPage, go, tap, waitUntil } from './support/elements';
import { useMiniProgram } from './support/mini-program';

/** WeChat refuses privacy APIs for 10 s after a refusal; the headless host is told to wait 300 ms. */
const REFUSAL_WINDOW_MS = 300;

const app = useMiniProgram({ hostArgs: ['--privacy-refusal-window-ms', String(REFUSAL_WINDOW_MS)] });

const pauseForRefusalWindow = () => new Promise((resolve) => setTimeout(resolve, app.headless ? REFUSAL_WINDOW_MS + 100 : 10_500));

it('a popup left unanswered is not shown on the next page, and the API it guarded fails as refused', async () => {
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  await tap(me, '.me__setup');
  const profile = await currentPage(app.miniProgram, 'pages/profile/index');
  expect(await (await component(profile, '#privacy-popup')).$('.privacy-popup')).not.toBeNull();

  // The user opens another page without answering.
  const agreement = await go(app.miniProgram, 'navigateTo', '/pages/agreement/index');
  const nextPopup = await component(agreement, '#privacy-popup');
  expect(await nextPopup.data('pending')).toBe(false);
  expect(await nextPopup.$('.privacy-popup')).toBeNull();

  // The request was answered as a refusal: requirePrivacyAuthorize failed and the form explains.
  await app.miniProgram.callWxMethod('navigateBack', { delta: 1 });
  const back = await currentPage(app.miniProgram, 'pages/profile/index');
  expect(await back.data('declined')).toBe(true);
  expect(await back.data('authorized')).toBe(false);
  expect(await back.$('.profile__declined')).not.toBeNull();
  expect(await (await component(back, '#privacy-popup')).$('.privacy-popup')).toBeNull();

  // Going back to 我的 with a fresh request open: 我的 does not inherit it either.
  await pauseForRefusalWindow();
  await tap(back, '.profile__retry');
  expect(await (await component(back, '#privacy-popup')).$('.privacy-popup')).not.toBeNull();
  await app.miniProgram.callWxMethod('navigateBack', { delta: 1 });
  const meAgain = await currentPage(app.miniProgram, 'pages/me/index');
  const mePopup = await component(meAgain, '#privacy-popup');
  expect(await mePopup.data('pending')).toBe(false);
  expect(await mePopup.$('.privacy-popup')).toBeNull();
});

it('shows the popup on the visible page only, and hides it everywhere after 同意', async () => {
  await pauseForRefusalWindow();
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  expect(await (await component(me, '#privacy-popup')).$('.privacy-popup')).toBeNull();

  await tap(me, '.me__setup');
  const profile = await currentPage(app.miniProgram, 'pages/profile/index');
  const popup = await component(profile, '#privacy-popup');
  await waitUntil('the popup on 设置头像昵称', async () => (await popup.$('.privacy-popup')) !== null);

  // 我的 is still alive underneath: it knows an authorization is pending, but not its own, so it stays hidden.
  const stack = await app.miniProgram.pageStack();
  expect(stack.map((page) => page.path)).toEqual(['pages/me/index', 'pages/profile/index']);
  const underneath = await component(stack[0], '#privacy-popup');
  expect(await underneath.data('pending')).toBe(true);
  expect(await underneath.data('ownerPage')).not.toBe(await underneath.data('pageKey'));
  expect(await underneath.$('.privacy-popup')).toBeNull();

  await tap(popup, '#privacy-agree');
  expect(await popup.$('.privacy-popup')).toBeNull();
  expect(await profile.$('.profile__declined')).toBeNull();

  await app.miniProgram.callWxMethod('navigateBack', { delta: 1 });
  const back = await currentPage(app.miniProgram, 'pages/me/index');
  const backPopup = await component(back, '#privacy-popup');
  expect(await backPopup.data('pending')).toBe(false);
  expect(await backPopup.$('.privacy-popup')).toBeNull();
});
