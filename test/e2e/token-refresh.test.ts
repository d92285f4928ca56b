/**
 * Journey (g): the access token expires while the app is in use. The next request that needs it
 * refreshes the session once, transparently: the page loads with no error, and the refresh token
 * has rotated. The host's server issues 1-second access tokens for this spec.
 */
import { go, text, waitUntil } from './support/elements';
import { useMiniProgram } from './support/mini-program';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

const app = useMiniProgram({ serverEnv: { ACCESS_TOKEN_TTL_SECONDS: '1' } });

const storedSession = async () => (await app.miniProgram.callWxMethod('getStorageSync', 'community.session.v1')) as StoredSession | '';

it('(g) an expired access token is refreshed once and the page loads without an error', async () => {
  const before = await storedSession();
  if (before === '') throw new Error('silent login left no session');

  await new Promise((resolve) => setTimeout(resolve, 1500));
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  const shown = await text(me, '.me');
  expect(shown).toContain('我的帖子');
  expect(shown).not.toMatch(/登录已过期|请重新登录|网络不太稳定|请求无法处理/);

  await waitUntil('the rotated session to be stored', async () => {
    const after = await storedSession();
    return after !== '' && after.refreshToken !== before.refreshToken;
  });
  const after = (await storedSession()) as StoredSession;
  expect(after.accessToken).not.toBe(before.accessToken);
});
