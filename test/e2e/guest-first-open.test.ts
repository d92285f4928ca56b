/**
 * Journey (a), written with plain miniprogram-automator: a guest's first open shows the seeded
 * posts at once, with no login or authorization UI.
 */
import { component, currentPage, element, elements, text } from './support/elements';
import { useMiniProgram } from './support/mini-program';

const app = useMiniProgram();

it('(a) first open: seeded posts at once, no login page, no privacy popup', async () => {
  const page = await currentPage(app.miniProgram);
  expect(page.path).toBe('pages/forum/index');
  expect((await app.miniProgram.pageStack()).map((p) => p.path)).toEqual(['pages/forum/index']);

  expect(await text(page, '.forum__pinned')).toContain('欢迎来到社区');
  const feedCards = await elements(page, '.forum__feed .forum__card');
  expect(feedCards.length).toBeGreaterThan(2);
  const titles = await Promise.all(feedCards.map(async (card) => (await element(card, '.post-card__title')).text()));
  expect(titles).toEqual(expect.arrayContaining(['常见问题解答']));
  // Pinned posts are not repeated below them.
  expect(titles).not.toContain('欢迎来到社区');

  // Nothing asks the guest to log in or authorize: the popup is not shown and no login page opened.
  const popup = await component(page, '#privacy-popup');
  expect(await popup.data('pending')).toBe(false);
  expect(await popup.$('.privacy-popup__mask')).toBeNull();
  const session = (await app.miniProgram.callWxMethod('getStorageSync', 'community.session.v1')) as { accessToken?: string } | '';
  // Silent login ran alongside and left a guest session.
  expect(typeof session === 'object' && session.accessToken).toBeTruthy();
});
