/**
 * The web console over HTTP (inject, no browser): who gets in, the cookie flags and headers, CSRF on
 * every state change, the login limit, idle and absolute expiry, forms without script, and hostile
 * input. The browser journeys are in test/e2e/console.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../../server/src/app';
import { loadConfig } from '../../../../server/src/config';
import { createLogger } from '../../../../server/src/lib/logger';
import { createWeChatClient } from '../../../../server/src/wechat/wechat-client';
import { createTestApp, TEST_ACCOUNT_PASSWORD, type TestApp } from '../../../support/server/test-app';
import { consoleClient, logIn } from './console-client';

const NAME = '审核员小王';
const PASSWORD = 'a-long-console-password';
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

let t: TestApp;
let boardId: number;
beforeAll(async () => {
  // The reviewer is a moderator here: even a moderator's bearer token must not open the console.
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator', CONSOLE_LOGINS_PER_MINUTE: '1000', CONSOLE_IDLE_MINUTES: '30' });
  await t.app.services.consoleAccounts.addModerator(NAME, PASSWORD);
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
});
afterAll(() => t.close());

async function heldPost(body = '等待人工审核的帖子 [review]'): Promise<number> {
  const author = await t.loginAsMember();
  const response = await t.request({ method: 'POST', url: '/posts', token: author.accessToken, payload: { boardId, title: '待审', body } });
  expect(response.json().status).toBe('held');
  return response.json().id;
}

/** A published post to comment on. */
async function publishedPost(): Promise<number> {
  const author = await t.loginAsMember('发帖的人');
  const response = await t.request({
    method: 'POST',
    url: '/posts',
    token: author.accessToken,
    payload: { boardId, title: '公开', body: '大家好' },
  });
  return response.json().id;
}

const postStatus = async (id: number) =>
  (await t.database.handle.db.selectFrom('posts').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const auditOf = (id: number) =>
  t.database.handle.db.selectFrom('moderation_actions').select(['action', 'reason']).where('target_id', '=', String(id)).execute();

describe('configuration', () => {
  it('is on by default in development, off in production unless CONSOLE_ENABLED=true', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'k3Jq9vXw2LmP7rT4yB8nC1hF6sD0gZ5aE9uR2tY7iO4pW',
      WECHAT_APPID: 'wx1234567890abcdef',
      WECHAT_SECRET: 'real-secret-from-the-admin-console',
      WECHAT_PUSH_TOKEN: 'consoletoken123',
      WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      PUBLIC_BASE_URL: 'https://community.example.cn',
    };
    expect(loadConfig({}).console).toEqual({ enabled: true, idleMinutes: 30, sessionHours: 12, loginsPerMinute: 5 });
    expect(loadConfig(production).console.enabled).toBe(false);
    expect(loadConfig({ ...production, CONSOLE_ENABLED: 'true' }).console.enabled).toBe(true);
    expect(loadConfig({ CONSOLE_ENABLED: 'false' }).console.enabled).toBe(false);
  });

  it('serves nothing at /console when disabled', async () => {
    const off = await createTestApp({ CONSOLE_ENABLED: 'false' });
    try {
      expect((await off.request({ method: 'GET', url: '/console/login' })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});

describe('who gets in', () => {
  it('sends a browser without a session to the login page, and refuses scripts with 401', async () => {
    const page = await t.request({ method: 'GET', url: '/console/posts' });
    expect([page.statusCode, page.headers.location]).toEqual([303, '/console/login']);
    const script = await t.request({ method: 'GET', url: '/console/', headers: { accept: 'application/json' } });
    expect([script.statusCode, script.json()]).toEqual([
      401,
      { code: 'console_login_required', message: '登录已过期，请重新登录管理后台' },
    ]);
  });

  it('ignores bearer tokens, even a moderator’s: only a console session opens it', async () => {
    const reviewer = await t.loginAsTestAccount();
    const member = await t.loginAsMember('普通会员');
    const id = await heldPost();
    for (const token of [reviewer.accessToken, member.accessToken]) {
      const page = await t.request({ method: 'GET', url: '/console', token });
      expect([page.statusCode, page.headers.location]).toEqual([303, '/console/login']);
      const decision = await t.request({ method: 'POST', url: `/console/posts/${id}/approve`, token, payload: {} });
      expect(decision.statusCode).toBe(401);
    }
    expect(await postStatus(id)).toBe('held');
  });

  it('refuses the reviewer test account’s credentials, and its name as a console account', async () => {
    const client = consoleClient(t);
    await client.get('/console/login');
    const login = await client.post('/console/login', { name: t.config.testAccount.username, password: TEST_ACCOUNT_PASSWORD });
    expect(login.statusCode).toBe(401);
    expect(login.body).toContain('账号或密码错误');
    expect(client.cookies.has('console_session')).toBe(false);
    await expect(t.app.services.consoleAccounts.addModerator(t.config.testAccount.username, 'another-long-password')).rejects.toThrow(
      /reviewer test account/,
    );
    await expect(t.app.services.consoleAccounts.addModerator('short-password', 'short')).rejects.toThrow(/at least 12/);
  });

  it('logs in with an HttpOnly, SameSite=Strict session cookie scoped to /console, and never logs the password', async () => {
    const client = consoleClient(t);
    await client.get('/console/login');
    const login = await client.post('/console/login', { name: NAME, password: PASSWORD });
    expect([login.statusCode, login.headers.location]).toEqual([303, '/console']);
    const cookie = login.cookies.find((c) => c.name === 'console_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console' });
    expect(cookie.secure).toBeUndefined();
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    const stored = await t.database.handle.db.selectFrom('console_sessions').select('id_hash').execute();
    expect(stored.map((s) => s.id_hash)).not.toContain(cookie.value);
    expect(t.logs.join('\n')).not.toContain(PASSWORD);
    expect(t.logs.join('\n')).not.toContain(cookie.value);
  });

  it('sets Secure on its cookies in production', async () => {
    // The same database and services, built as production would build them.
    const config = { ...t.config, env: 'production' as const };
    const logger = createLogger(config);
    const wechat = createWeChatClient({
      baseUrl: t.fake.url,
      appId: 'wxtestapp',
      appSecret: 'test-app-secret-value',
      timeoutMs: 500,
      logger,
    });
    const production: FastifyInstance = await buildApp({ config, database: t.database.handle, wechat, logger });
    try {
      const page = await production.inject({ method: 'GET', url: '/console/login' });
      expect(page.cookies.find((c) => c.name === 'console_csrf')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const login = await production.inject({
        method: 'POST',
        url: '/console/login',
        headers: { cookie: `console_csrf=${page.cookies[0]!.value}`, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrf, name: NAME, password: PASSWORD }).toString(),
      });
      expect(login.statusCode).toBe(303);
      expect(login.cookies.find((c) => c.name === 'console_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    } finally {
      await production.close();
    }
  });

  it('limits password attempts per address and name (429 with Retry-After)', async () => {
    const limited = await createTestApp({ CONSOLE_LOGINS_PER_MINUTE: '4' });
    try {
      const client = consoleClient(limited);
      await client.get('/console/login');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push((await client.post('/console/login', { name: 'guesser', password: `guess-${i}` })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const refused = await client.post('/console/login', { name: 'guesser', password: 'guess' });
      expect(refused.headers['retry-after']).toBeDefined();
      expect(refused.body).toContain('操作太频繁，请稍后再试');
      // Another name from the same address still gets its own attempts.
      expect((await client.post('/console/login', { name: 'someone-else', password: 'guess' })).statusCode).toBe(401);
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('end when idle, at their absolute expiry, at logout, and when the password is reset', async () => {
    const db = t.database.handle.db;
    const sessionHash = async () =>
      (await db.selectFrom('console_sessions').select('id_hash').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).id_hash;

    const idle = await logIn(t, NAME, PASSWORD);
    expect((await idle.get('/console')).statusCode).toBe(200);
    const idleHash = await sessionHash();
    await db
      .updateTable('console_sessions')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() })
      .where('id_hash', '=', idleHash)
      .execute();
    const expiredIdle = await idle.get('/console');
    expect([expiredIdle.statusCode, expiredIdle.headers.location]).toEqual([303, '/console/login']);

    const absolute = await logIn(t, NAME, PASSWORD);
    await db
      .updateTable('console_sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id_hash', '=', await sessionHash())
      .execute();
    expect((await absolute.get('/console')).statusCode).toBe(303);

    const leaving = await logIn(t, NAME, PASSWORD);
    const cookie = leaving.cookies.get('console_session')!;
    await leaving.get('/console');
    expect((await leaving.post('/console/logout', {})).headers.location).toBe('/console/login');
    const replay = await t.app.inject({ method: 'GET', url: '/console', headers: { cookie: `console_session=${cookie}` } });
    expect(replay.statusCode).toBe(303);

    const beforeReset = await logIn(t, NAME, PASSWORD);
    await t.app.services.consoleAccounts.resetPassword(NAME, 'a-new-long-password');
    expect((await beforeReset.get('/console')).statusCode).toBe(303);
    await expect(t.app.services.consoleAccounts.login(NAME, PASSWORD)).rejects.toMatchObject({ statusCode: 401 });
    await t.app.services.consoleAccounts.resetPassword(NAME, PASSWORD);
  });
});

describe('state changes', () => {
  it('carry a CSRF token: without one, or with another browser’s, nothing changes', async () => {
    const client = await logIn(t, NAME, PASSWORD);
    const other = await logIn(t, NAME, PASSWORD);
    await client.get('/console/posts');
    await other.get('/console/posts');
    const id = await heldPost();

    const missing = await client.post(`/console/posts/${id}/approve`, { _csrf: '' }, { accept: 'application/json' });
    expect([missing.statusCode, missing.json()]).toEqual([403, { code: 'csrf', message: '页面已过期，请刷新页面后重试' }]);
    const foreign = await client.post(`/console/posts/${id}/approve`, { _csrf: other.csrf });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['content-type']).toContain('text/html');
    const logout = await client.post('/console/logout', { _csrf: 'forged' });
    expect(logout.statusCode).toBe(403);
    expect(await postStatus(id)).toBe('held');
    expect(await auditOf(id)).toEqual([]);

    const accepted = await client.post(`/console/posts/${id}/approve`, { back: '/console/posts' });
    expect([accepted.statusCode, accepted.headers.location]).toEqual([303, '/console/posts']);
    expect(await postStatus(id)).toBe('published');
    expect(await auditOf(id)).toEqual([{ action: 'approve_post', reason: null }]);
  });

  it('go through the moderation service: repeats change nothing, rejected stays rejected, JSON for scripts', async () => {
    const client = await logIn(t, NAME, PASSWORD);
    await client.get('/console/posts');
    const id = await heldPost();
    const json = { accept: 'application/json' };
    const reject = await client.post(`/console/posts/${id}/reject`, { reason: '与版块主题无关' }, json);
    expect(reject.json()).toEqual({ changed: true, status: 'rejected' });
    expect((await client.post(`/console/posts/${id}/reject`, { reason: '与版块主题无关' }, json)).json()).toEqual({
      changed: false,
      status: 'rejected',
    });
    const approve = await client.post(`/console/posts/${id}/approve`, {}, json);
    expect([approve.statusCode, approve.json().code]).toEqual([409, 'already_rejected']);
    expect(await auditOf(id)).toEqual([{ action: 'reject_post', reason: '与版块主题无关' }]);
  });

  it('remove reported content and decide comments through the same service and audit trail', async () => {
    const client = await logIn(t, NAME, PASSWORD);
    await client.get('/console/reports');
    const author = await t.loginAsMember('被举报的人');
    const reporter = await t.loginAsMember('举报的人');
    const post = (
      await t.request({ method: 'POST', url: '/posts', token: author.accessToken, payload: { boardId, title: '转让', body: '加我领红包' } })
    ).json();
    const report = (
      await t.request({
        method: 'POST',
        url: '/reports',
        token: reporter.accessToken,
        payload: { targetType: 'post', targetId: post.id, reason: 'fraud' },
      })
    ).json();
    const queue = (await client.get('/console/reports')).body;
    expect(queue).toContain('诈骗信息');
    expect(queue).toContain('举报的人');
    const removed = await client.post(`/console/reports/${report.id}/resolve`, { action: 'remove_content', reason: '含有诈骗信息' });
    expect(removed.statusCode).toBe(303);
    expect(await postStatus(post.id)).toBe('rejected');
    expect(await auditOf(post.id)).toEqual([{ action: 'reject_post', reason: '含有诈骗信息' }]);

    const comment = (
      await t.request({
        method: 'POST',
        url: `/posts/${await publishedPost()}/comments`,
        token: author.accessToken,
        payload: { body: '待审评论 [review]' },
      })
    ).json();
    expect((await client.get('/console/comments')).body).toContain('待审评论 [review]');
    const rejected = await client.post(
      `/console/comments/${comment.id}/reject`,
      { reason: '含有辱骂或人身攻击' },
      { accept: 'application/json' },
    );
    expect(rejected.json()).toEqual({ changed: true, status: 'rejected' });
    expect(await auditOf(comment.id)).toContainEqual({ action: 'reject_comment', reason: '含有辱骂或人身攻击' });
  });

  it('decide held nicknames', async () => {
    const client = await logIn(t, NAME, PASSWORD);
    const guest = await t.loginAsGuest();
    const asked = await t.request({ method: 'PUT', url: '/me', token: guest.accessToken, payload: { nickname: '新昵称[review]' } });
    expect(asked.statusCode).toBe(200);
    const userId = asked.json().user.id;
    const queue = await client.get('/console/nicknames');
    expect(queue.body).toContain('新昵称[review]');
    const approved = await client.post(`/console/nicknames/${userId}/approve`, {}, { accept: 'application/json' });
    expect(approved.json()).toEqual({ changed: true, status: 'approved' });
    expect(await auditOf(userId)).toContainEqual({ action: 'approve_nickname', reason: '新昵称[review]' });
    expect((await client.get('/console/nicknames')).body).not.toContain('新昵称[review]');
  });

  it('send the browser back only to console pages', async () => {
    const client = await logIn(t, NAME, PASSWORD);
    await client.get('/console/posts');
    for (const back of ['//evil.example/x', 'https://evil.example', '/console//evil.example', '/\\evil.example', '/docs']) {
      const id = await heldPost();
      const response = await client.post(`/console/posts/${id}/approve`, { back });
      expect([back, response.headers.location]).toEqual([back, '/console']);
    }
  });
});

describe('pages', () => {
  it('carry the console CSP (no inline script), frame-ancestors none and no-store, and escape user content', async () => {
    const author = await t.loginAsMember('<b>坏昵称</b>');
    await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '<script>alert(1)</script>', body: '"><img src=x onerror=alert(1)> [review]' },
    });
    const client = await logIn(t, NAME, PASSWORD);
    for (const url of [
      '/console',
      '/console/posts',
      '/console/comments',
      '/console/media',
      '/console/reports',
      '/console/nicknames',
      '/console/audit',
    ]) {
      const page = await client.get(url);
      expect([url, page.statusCode]).toEqual([url, 200]);
      expect(page.headers).toMatchObject({
        'content-security-policy': CSP,
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      });
      expect(page.body).not.toMatch(/<script(?![^>]*\bsrc="\/console\/assets\/console\.js")/);
      expect(page.body).not.toMatch(/<[^>]*\son\w+=/);
      expect(page.body).not.toMatch(/<[^>]*\sstyle=/);
    }
    const queue = (await client.get('/console/posts')).body;
    expect(queue).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(queue).not.toContain('<img src=x');
    expect((await client.get('/console/assets/console.js')).headers['content-type']).toContain('text/javascript');
  });

  it('answer hostile input with 4xx pages, never 5xx', async () => {
    const client = await logIn(t, NAME, PASSWORD);
    await client.get('/console');
    const gets = [
      '/console/posts?cursor=%00%ff',
      '/console/users/99999999999999999999',
      '/console/users/abc',
      '/console/media/..%2f..%2fetc',
      '/console/audit?moderatorId=x',
      '/console/audit?action=drop_table',
      '/console/assets/..%2fconsole.routes.ts',
      '/console/nope',
    ];
    for (const url of gets) {
      const response = await client.get(url);
      expect([url, response.statusCode < 500, response.statusCode >= 400]).toEqual([url, true, true]);
    }
    const posts = [
      ['/console/posts/0/approve', {}],
      ['/console/posts/abc/reject', { reason: 'x' }],
      ['/console/reports/1/resolve', { action: 'explode' }],
      ['/console/users/1/ban', { reason: 'x'.repeat(500) }],
    ] as const;
    for (const [url, form] of posts) {
      const response = await client.post(url, form);
      expect([url, response.statusCode < 500, response.statusCode >= 400]).toEqual([url, true, true]);
    }
    const json = await t.app.inject({
      method: 'POST',
      url: '/console/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(json.statusCode).toBeLessThan(500);
  });
});
