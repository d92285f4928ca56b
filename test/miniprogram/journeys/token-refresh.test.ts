/**
 * Journey (g): a member is using the app when their access token expires. The next authenticated
 * action (a reply, then loading 我的) still succeeds with no error shown: the transport sees the
 * 401, refreshes once (POST /auth/refresh) and retries the request with the new token.
 */
import path from 'node:path';
import { createSigner } from 'fast-jwt';
import type { TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { miniprogramRoot, openHost, startServer, storedAccessToken } from '../pages/page-host';

const wxFake = installWxFake();
const OPENID = 'o_journey_token_refresh';
let server: TestApp;
let host: AppHost;
let welcomeId: number;

interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: number;
}
/** The app's own session store (same jest module registry as the pages the host loaded). */
interface SessionStoreView {
  tokens: SessionTokens | null;
  user: { id: number } | null;
  setSession(tokens: SessionTokens, user: unknown): void;
}
function sessionStore(): SessionStoreView {
  // Loaded at run time: the mini program's modules compile in the wx world, not in this tsconfig.
  return (require(path.join(miniprogramRoot, 'stores')) as { sessionStore: SessionStoreView }).sessionStore;
}

/** The same user's access token, validly signed but expired a minute ago. */
function expiredTokenLike(token: string): string {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string; sid: string; typ: string };
  const sign = createSigner({ key: server.config.auth.jwtSecret, algorithm: 'HS256', expiresIn: 60_000, clockTimestamp: Date.now() - 120_000 });
  return sign({ sub: claims.sub, sid: claims.sid, typ: claims.typ });
}

/** Expires the access token mid-session, in memory and in storage, as time passing would. */
function expireAccessToken(): string {
  const store = sessionStore();
  const tokens = store.tokens;
  if (!tokens || !store.user) throw new Error('no session');
  const expired = expiredTokenLike(tokens.accessToken);
  store.setSession({ ...tokens, accessToken: expired, accessTokenExpiresAt: Date.now() - 60_000 }, store.user);
  const stored = wxFake.storage.get('community.session.v1') as Record<string, unknown>;
  wxFake.storage.set('community.session.v1', { ...stored, accessToken: expired, accessTokenExpiresAt: Date.now() - 60_000 });
  return expired;
}

const pathOf = (url: string) => new URL(url).pathname;

beforeAll(async () => {
  server = await startServer(wxFake);
  wxFake.setOpenid(OPENID);
  await server.loginAsMember('夜读人', OPENID);
  const pinned = (await server.request({ method: 'GET', url: '/posts?pinned=true' })).json().items as { id: number; title: string }[];
  welcomeId = pinned.find((p) => p.title === '欢迎来到社区')?.id ?? 0;
});
afterAll(async () => {
  host?.close();
  await server.close();
});

it('an expired access token is refreshed once and the reply goes through without an error', async () => {
  host = openHost();
  await host.launch(`/pages/post/index?id=${welcomeId}`);
  expect(sessionStore().user).not.toBeNull();
  const expired = expireAccessToken();
  expect((await server.request({ method: 'GET', url: '/me', token: expired })).statusCode).toBe(401);

  const from = wxFake.requests.length;
  await host.input('#reply-input', '过期了也能接着聊');
  await host.tap('#reply-send');
  expect(wxFake.toasts.at(-1)).toEqual(expect.objectContaining({ title: '评论成功' }));
  expect(host.text()).toContain('过期了也能接着聊');

  const sent = wxFake.requests.slice(from).map((r) => `${r.method} ${pathOf(r.url)} ${String(r.statusCode)}`);
  const comments = `POST /posts/${welcomeId}/comments`;
  expect(sent).toEqual([`${comments} 401`, 'POST /auth/refresh 200', `${comments} 201`]);
  const token = storedAccessToken(wxFake);
  expect(token).not.toBe(expired);
  expect((await server.request({ method: 'GET', url: '/me', token })).statusCode).toBe(200);
  const published = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments` })).json().items as { body: string }[];
  expect(published.map((c) => c.body)).toContain('过期了也能接着聊');
});

it('loading 我的 with an expired token refreshes once and shows the member, no error', async () => {
  const expired = expireAccessToken();
  const from = wxFake.requests.length;
  const toasts = wxFake.toasts.length;
  await host.switchTab('/pages/me/index');
  expect(host.currentPage().route).toBe('pages/me/index');
  expect(host.text()).toContain('夜读人');
  expect(host.text()).not.toContain('游客');
  expect(wxFake.toasts.slice(toasts)).toEqual([]);
  expect(wxFake.modals).toEqual([]);

  const sent = wxFake.requests.slice(from);
  const refreshes = sent.filter((r) => r.method === 'POST' && pathOf(r.url) === '/auth/refresh');
  expect(refreshes).toEqual([expect.objectContaining({ statusCode: 200 })]);
  const refreshAt = sent.indexOf(refreshes[0]);
  // Whatever went out with the expired token got a 401 before the refresh; everything after it passes.
  expect(sent.slice(0, refreshAt).every((r) => r.statusCode === 401)).toBe(true);
  expect(sent.slice(refreshAt + 1).every((r) => r.statusCode !== undefined && r.statusCode < 400)).toBe(true);
  expect(sent.slice(refreshAt + 1).some((r) => r.method === 'GET' && pathOf(r.url) === '/me')).toBe(true);
  expect(storedAccessToken(wxFake)).not.toBe(expired);
});
