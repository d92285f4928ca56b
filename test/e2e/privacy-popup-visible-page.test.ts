/**
 * The privacy popup appears on the page the user is looking at, and only there: 我的 (a tab page)
 * stays alive underneath 设置头像昵称 and must not show its own copy, although both popups read
 * the same pending authorization; after 同意 it is gone everywhere.
 */
import { component, currentPage, go, tap } from './support/elements';
import { useMiniProgram } from './support/mini-program';

const app = useMiniProgram();

it('shows the popup on the visible page only, and hides it everywhere after 同意', async () => {
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  expect(await (await component(me, '#privacy-popup')).$('.privacy-popup')).toBeNull();

  await tap(me, '.me__setup');
  const profile = await currentPage(app.miniProgram, 'pages/profile/index');
  const popup = await component(profile, '#privacy-popup');
  expect(await popup.$('.privacy-popup')).not.toBeNull();

  // 我的 is still alive underneath: its popup knows an authorization is pending but stays hidden.
  const stack = await app.miniProgram.pageStack();
  expect(stack.map((page) => page.path)).toEqual(['pages/me/index', 'pages/profile/index']);
  const underneath = await component(stack[0], '#privacy-popup');
  expect(await underneath.data('pending')).toBe(true);
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
