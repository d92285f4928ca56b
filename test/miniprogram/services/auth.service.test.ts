/**
 * @jest-environment node
 */
import type { TokenPair } from '../../../typings/api';
import { me } from '../stores/fixtures';
import { flush, installWxStub, routes, type StubRequest, type WxStub } from './wx-stub';

const SESSION_KEY = 'community.session.v1';

function pair(access: string, refresh: string, userId = 1): TokenPair {
  return { accessToken: access, accessTokenExpiresIn: 900, refreshToken: refresh, user: me({ id: userId }) };
}

/** Fresh module instances (stores, transport, services) sharing the stub's storage: a new launch. */
async function launch() {
  jest.resetModules();
  const auth = await import('../../../miniprogram/services/auth.service');
  const forum = await import('../../../miniprogram/services/forum.service');
  const stores = await import('../../../miniprogram/stores');
  const { transport } = await import('../../../miniprogram/services/transport');
  // What app.ts does at launch.
  transport.setTokenSource(auth.authTokenSource);
  return { auth, forum, ...stores };
}

let wx: WxStub;
beforeEach(() => {
  wx = installWxStub();
});

it('silent login stores the tokens under one key, and the next launch restores them', async () => {
  wx.handler = routes({ 'POST /auth/wechat': (r) => r.respond(200, pair('a1', 'r1')) });
  const first = await launch();
  await first.auth.silentLogin();
  expect(wx.requests[0]?.data).toEqual({ code: 'code-1' });
  expect(first.sessionStore.isLoggedIn).toBe(true);
  expect([...wx.storage.keys()]).toEqual([SESSION_KEY]);
  expect(wx.storage.get(SESSION_KEY)).toMatchObject({ accessToken: 'a1', refreshToken: 'r1', user: { id: 1 } });

  const second = await launch();
  expect(second.sessionStore.isLoggedIn).toBe(false);
  expect(second.auth.restoreSession()).toBe(true);
  expect(second.sessionStore.tokens).toMatchObject({ accessToken: 'a1', refreshToken: 'r1' });
  expect(second.sessionStore.user?.nickname).toBe('小林');
});

it('a damaged stored session reads as none', async () => {
  wx.storage.set(SESSION_KEY, { accessToken: 5 });
  const { auth, sessionStore } = await launch();
  expect(auth.restoreSession()).toBe(false);
  expect(sessionStore.isLoggedIn).toBe(false);
});

it('cold start: the feed goes out and arrives while silent login is still waiting', async () => {
  const logins: StubRequest[] = [];
  wx.handler = routes({
    'POST /auth/wechat': (r) => logins.push(r),
    'GET /posts': (r) => r.respond(200, { items: [], nextCursor: null }),
  });
  const { auth, forum, sessionStore, forumStore } = await launch();
  const session = auth.startSession();
  const feed = forum.openFeed();
  await feed;
  expect(forumStore.feed.loaded).toBe(true);
  const feedRequest = wx.requests.find((r) => r.path === '/posts');
  expect(feedRequest?.header.Authorization).toBeUndefined();
  await flush();
  expect(logins).toHaveLength(1);
  expect(wx.sent()).toEqual(['GET /posts', 'POST /auth/wechat']);
  expect(sessionStore.isLoggedIn).toBe(false);

  logins[0]?.respond(200, pair('a1', 'r1'));
  await expect(session).resolves.toBeUndefined();
  expect(sessionStore.isLoggedIn).toBe(true);
});

it('startSession never rejects, even when WeChat login fails', async () => {
  wx.loginCodes = ['fail'];
  const { auth, sessionStore } = await launch();
  await expect(auth.startSession()).resolves.toBeUndefined();
  expect(sessionStore.isLoggedIn).toBe(false);
  expect(wx.requests).toHaveLength(0);
});

it('a stored, valid session is reused: GET /me refreshes the user, no wx.login', async () => {
  wx.storage.set(SESSION_KEY, {
    accessToken: 'a1',
    refreshToken: 'r1',
    accessTokenExpiresAt: Date.now() + 600_000,
    user: me({ nickname: null }),
  });
  wx.handler = routes({ 'GET /me': (r) => r.respond(200, me({ nickname: '已通过' })) });
  const { auth, sessionStore } = await launch();
  await auth.startSession();
  expect(wx.loginCalls).toBe(0);
  expect(wx.requests[0]?.header.Authorization).toBe('Bearer a1');
  expect(sessionStore.user?.nickname).toBe('已通过');
  expect(wx.storage.get(SESSION_KEY)).toMatchObject({ user: { nickname: '已通过' } });
});

it('an expired stored token is refreshed at launch; a feed 401 meanwhile joins that same refresh', async () => {
  wx.storage.set(SESSION_KEY, { accessToken: 'old', refreshToken: 'r1', accessTokenExpiresAt: Date.now() - 1, user: me() });
  const refreshes: StubRequest[] = [];
  wx.handler = routes({
    'POST /auth/refresh': (r) => refreshes.push(r),
    'GET /posts': (r) =>
      r.header.Authorization === 'Bearer new'
        ? r.respond(200, { items: [], nextCursor: null })
        : r.respond(401, { code: 'invalid_access_token', message: '登录已过期，请重新进入小程序' }),
  });
  const { auth, forum, forumStore, sessionStore } = await launch();
  const session = auth.startSession();
  const feed = forum.openFeed();
  await flush();
  expect(refreshes).toHaveLength(1);
  expect(refreshes[0]?.data).toEqual({ refreshToken: 'r1' });
  refreshes[0]?.respond(200, pair('new', 'r2'));
  await Promise.all([session, feed]);
  expect(wx.sent()).toEqual(['POST /auth/refresh', 'GET /posts', 'GET /posts']);
  expect(forumStore.feed.loaded).toBe(true);
  expect(sessionStore.tokens?.refreshToken).toBe('r2');
  expect(wx.storage.get(SESSION_KEY)).toMatchObject({ accessToken: 'new', refreshToken: 'r2' });
});

it('a refused refresh token is forgotten, then silent login makes a new session', async () => {
  wx.storage.set(SESSION_KEY, { accessToken: 'old', refreshToken: 'replayed', accessTokenExpiresAt: 0, user: me() });
  wx.handler = routes({
    'POST /auth/refresh': (r) => r.respond(401, { code: 'invalid_refresh_token', message: '登录已过期，请重新进入小程序' }),
    'POST /auth/wechat': (r) => r.respond(200, pair('a2', 'r2')),
  });
  const { auth, sessionStore } = await launch();
  await auth.startSession();
  expect(wx.sent()).toEqual(['POST /auth/refresh', 'POST /auth/wechat']);
  expect(sessionStore.tokens?.accessToken).toBe('a2');
  expect(wx.storage.get(SESSION_KEY)).toMatchObject({ refreshToken: 'r2' });
});

it('password login sends the device code with the credentials; logout forgets everything', async () => {
  wx.handler = routes({
    'POST /auth/password': (r) => r.respond(200, { ...pair('ra', 'rr', 5), user: me({ id: 5, role: 'moderator', isTestAccount: true }) }),
    'POST /auth/logout': (r) => r.respond(204, ''),
  });
  const { auth, sessionStore } = await launch();
  const user = await auth.loginWithPassword('reviewer', 'secret-pass');
  expect(user.isTestAccount).toBe(true);
  expect(wx.requests[0]?.data).toEqual({ username: 'reviewer', password: 'secret-pass', code: 'code-1' });
  expect(sessionStore.isModerator).toBe(true);

  await auth.logout();
  expect(wx.requests[1]).toMatchObject({ path: '/auth/logout', data: { refreshToken: 'rr' } });
  expect(sessionStore.isLoggedIn).toBe(false);
  expect(wx.storage.has(SESSION_KEY)).toBe(false);
});

it('wrong password: the server message reaches the caller and nothing is stored', async () => {
  wx.handler = routes({ 'POST /auth/password': (r) => r.respond(401, { code: 'invalid_credentials', message: '账号或密码错误' }) });
  const { auth } = await launch();
  await expect(auth.loginWithPassword('reviewer', 'nope')).rejects.toMatchObject({ userMessage: '账号或密码错误' });
  expect(wx.sent()).toEqual(['POST /auth/password']);
  expect(wx.storage.size).toBe(0);
});
