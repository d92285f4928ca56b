/**
 * Journey (f): the server cannot be reached when the forum first loads. The guest sees an error
 * state with 重新加载 and the bundled welcome and rules, never a blank page; once the network is
 * back, retry shows the real feed.
 *
 * The app opens on the agreement page so the forum's first load happens after the spec has cut
 * the network (a mock cannot reach code that runs at launch, in DevTools either).
 */
import { currentPage, element, elements, go, tap, text } from './support/elements';
import { useMiniProgram } from './support/mini-program';

const app = useMiniProgram({ hostArgs: ['--entry', '/pages/agreement/index'] });

it('(f) error state with retry and the bundled content, then retry recovers', async () => {
  expect((await currentPage(app.miniProgram)).path).toBe('pages/agreement/index');
  // A mock that returns a rejected promise makes wx.request fail, as with no network.
  await app.miniProgram.mockWxMethod('request', function failLikeNoNetwork() {
    return Promise.reject({ errMsg: 'request:fail net::ERR_CONNECTION_REFUSED' });
  });

  const page = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  const shown = await text(page, '.forum');
  expect(shown).toContain('网络不太稳定，请稍后重试');
  expect(shown).toContain('重新加载');
  expect(shown).toContain('欢迎来到社区');
  expect(shown).toContain('友善尊重');
  expect(shown).not.toContain('正在加载');

  await app.miniProgram.restoreWxMethod('request');
  await tap(await element(page, '#forum-error'), '#retry-button');
  expect(await text(page, '.forum')).not.toContain('重新加载');
  expect(await text(page, '.forum__pinned')).toContain('欢迎来到社区');
  expect((await elements(page, '.forum__feed .forum__card')).length).toBeGreaterThan(2);
});
