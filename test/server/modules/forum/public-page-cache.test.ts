/**
 * The cached public first page (GET /posts) never shows what is unchecked, held or deleted: every
 * change of state invalidates or re-validates it, and a stale ETag gets the new page, not a 304.
 * Each case first loads the page twice (the second from the cache, same ETag), then changes state.
 * The version the cache is keyed by lives in the database, so a change made by another instance,
 * or by plain SQL, invalidates it too.
 */
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { PostSummary, TokenPair } from '@wx-community-starter/contract';
import { readContentVersion } from '../../../../server/src/modules/content-state';
import { startSecondInstance } from '../../../support/server/second-instance';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
let moderator: TokenPair;
let boardId: number;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' }, { sharedDatabase: true });
  moderator = await t.loginAsTestAccount();
  boardId = (await t.request({ method: 'GET', url: '/boards' }))
    .json<{ items: { id: number; staffOnly: boolean }[] }>()
    .items.find((b) => !b.staffOnly)!.id;
});
afterAll(() => t.close());

async function feed(etag?: string) {
  const response = await t.request({ method: 'GET', url: '/posts', headers: etag ? { 'if-none-match': etag } : {} });
  return {
    status: response.statusCode,
    etag: response.headers.etag as string,
    titles: response.statusCode === 200 ? response.json<{ items: PostSummary[] }>().items.map((p) => p.title) : [],
  };
}

/** Loads the first page into the cache and checks the second load is served from it. */
async function warm() {
  const first = await feed();
  expect(first.status).toBe(200);
  expect(await feed(first.etag)).toMatchObject({ status: 304, etag: first.etag });
  return first;
}

async function post(token: string, title: string, body = '正文内容，分享一点日常。') {
  const response = await t.request({ method: 'POST', url: '/posts', token, payload: { boardId, title, body } });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: number; status: string }>();
}

const mod = (url: string, payload: object = {}) => t.request({ method: 'POST', url, token: moderator.accessToken, payload });

it('serves the first page with an ETag and answers a matching If-None-Match with 304 and no body', async () => {
  const first = await feed();
  expect(first.etag).toMatch(/^"[\w-]+"$/);
  const again = await t.request({ method: 'GET', url: '/posts', headers: { 'if-none-match': first.etag } });
  expect(again.statusCode).toBe(304);
  expect(again.body).toBe('');
  expect((await feed('"something-else"')).status).toBe(200);
});

it('publish: a new published post shows at once, and the old ETag gets the new page', async () => {
  const member = await t.loginAsMember('发布者');
  const before = await warm();
  await post(member.accessToken, '刚刚发布的帖子');
  const after = await feed(before.etag);
  expect(after.status).toBe(200);
  expect(after.titles[0]).toBe('刚刚发布的帖子');
  expect(after.etag).not.toBe(before.etag);
});

it('hold: a post the check holds never enters the cached page; approving it publishes it there', async () => {
  const member = await t.loginAsMember('待审作者');
  const before = await warm();
  const held = await post(member.accessToken, '需要人工审核的帖子', '这段内容 [review] 需要审核');
  expect(held.status).toBe('held');
  const during = await feed(before.etag);
  expect(during.titles).not.toContain('需要人工审核的帖子');
  await warm();
  expect((await mod(`/moderation/posts/${held.id}/approve`)).statusCode).toBe(200);
  expect((await feed()).titles[0]).toBe('需要人工审核的帖子');
});

it('reject: a published post a moderator removes leaves the cached page', async () => {
  const member = await t.loginAsMember('被举报者');
  const reporter = await t.loginAsMember('举报者');
  const published = await post(member.accessToken, '将被移除的帖子');
  await warm();
  expect((await feed()).titles).toContain('将被移除的帖子');
  const report = await t.request({
    method: 'POST',
    url: '/reports',
    token: reporter.accessToken,
    payload: { targetType: 'post', targetId: published.id, reason: 'spam' },
  });
  expect(report.statusCode).toBe(201);
  expect((await mod(`/moderation/reports/${report.json().id}/resolve`, { action: 'remove_content', reason: '违规' })).statusCode).toBe(200);
  expect((await feed()).titles).not.toContain('将被移除的帖子');
});

it('delete: a post its author deletes leaves the cached page', async () => {
  const member = await t.loginAsMember('删帖作者');
  const published = await post(member.accessToken, '作者将删除的帖子');
  const before = await warm();
  expect(before.titles).toContain('作者将删除的帖子');
  expect((await t.request({ method: 'DELETE', url: `/posts/${published.id}`, token: member.accessToken })).statusCode).toBe(204);
  const after = await feed(before.etag);
  expect(after.status).toBe(200);
  expect(after.titles).not.toContain('作者将删除的帖子');
});

it('a change the app was not told about (plain SQL, as a CLI or another process would make) leaves the cached page', async () => {
  const member = await t.loginAsMember('绕过应用的修改');
  const published = await post(member.accessToken, '将在数据库里被隐藏的帖子');
  const before = await warm();
  expect(before.titles).toContain('将在数据库里被隐藏的帖子');
  await sql`UPDATE posts SET status = 'held' WHERE id = ${published.id}`.execute(t.database.handle.db);
  const after = await feed(before.etag);
  expect(after.status).toBe(200);
  expect(after.titles).not.toContain('将在数据库里被隐藏的帖子');
});

it('ban: a ban moves the content version, so the cached page is rebuilt', async () => {
  const member = await t.loginAsMember('将被封禁者');
  await post(member.accessToken, '封禁前发布的帖子');
  await warm();
  const version = await readContentVersion(t.database.handle.db);
  expect((await mod(`/moderation/users/${member.user.id}/ban`)).statusCode).toBe(200);
  expect(await readContentVersion(t.database.handle.db)).not.toBe(version);
});

it('another instance: a post deleted through instance B leaves the page instance A had cached', async () => {
  const b: FastifyInstance = await startSecondInstance(t);
  try {
    const member = await t.loginAsMember('两台实例的作者');
    const published = await post(member.accessToken, '在另一台实例上删除的帖子');
    const before = await warm();
    expect(before.titles).toContain('在另一台实例上删除的帖子');
    const deleted = await b.inject({
      method: 'DELETE',
      url: `/posts/${published.id}`,
      headers: { authorization: `Bearer ${member.accessToken}` },
    });
    expect(deleted.statusCode).toBe(204);
    const after = await feed(before.etag);
    expect(after.status).toBe(200);
    expect(after.titles).not.toContain('在另一台实例上删除的帖子');
  } finally {
    await b.close();
  }
});

it('reading does not move the version: repeated loads stay 304', async () => {
  const first = await warm();
  const version = await readContentVersion(t.database.handle.db);
  for (let i = 0; i < 3; i += 1) expect((await feed(first.etag)).status).toBe(304);
  await t.request({ method: 'GET', url: '/boards' });
  expect(await readContentVersion(t.database.handle.db)).toBe(version);
});

it("account deletion: the deleted account's posts leave the cached page", async () => {
  const member = await t.loginAsMember('将注销的用户');
  await post(member.accessToken, '注销前发布的帖子');
  const before = await warm();
  expect(before.titles).toContain('注销前发布的帖子');
  expect((await t.request({ method: 'DELETE', url: '/me', token: member.accessToken })).statusCode).toBe(204);
  const after = await feed(before.etag);
  expect(after.status).toBe(200);
  expect(after.titles).not.toContain('注销前发布的帖子');
});

it('a job that changes state (the text recheck) re-validates the cached page when it ends', async () => {
  const member = await t.loginAsMember('等待复查者');
  t.fake.failNext('msg_sec_check', 'busy', 1);
  const checking = await post(member.accessToken, '检测中的帖子');
  expect(checking.status).toBe('checking');
  expect((await warm()).titles).not.toContain('检测中的帖子');
  await t.app.jobs.runDue(new Date(Date.now() + 3_600_000));
  expect((await feed()).titles[0]).toBe('检测中的帖子');
});
