import type { PostSummary } from '@wx-community-starter/contract';
import { countJobs } from '../../../../server/src/jobs/jobs.repository';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
let boardId: number;
beforeAll(async () => {
  t = await createTestApp();
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
});
afterAll(() => t.close());
afterEach(() => t.fake.setFailure('msg_sec_check', null));

const later = (ms: number) => new Date(Date.now() + ms);
const publicFeed = async () => (await t.request({ method: 'GET', url: '/posts?limit=50' })).json().items.map((p: PostSummary) => p.id);

describe.each(['busy', 'timeout', 'http500'] as const)('WeChat check unavailable (%s)', (mode) => {
  it('keeps the post as checking, unpublished and queued; the recheck job publishes it once WeChat answers pass', async () => {
    const author = await t.loginAsMember(`作者${mode}`);
    t.fake.setFailure('msg_sec_check', mode);
    const response = await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '雨天', body: '下雨天适合读书' },
    });
    expect(response.statusCode).toBe(201);
    const post = response.json();
    expect(post).toMatchObject({ status: 'checking', reviewMessage: '安全检查通过后其他人就能看到' });
    expect(await publicFeed()).not.toContain(post.id);
    expect(await countJobs(t.database.handle.db, 'text-recheck')).toBe(1);

    // Still down: the job defers with backoff and publishes nothing.
    await t.app.jobs.runDue(later(0));
    expect(await publicFeed()).not.toContain(post.id);
    expect(await countJobs(t.database.handle.db, 'text-recheck')).toBe(1);

    // Not due again before the backoff has passed.
    t.fake.setFailure('msg_sec_check', null);
    expect(await t.app.jobs.runDue(later(100))).toBe(0);

    expect(await t.app.jobs.runDue(later(60_000))).toBe(1);
    expect(await publicFeed()).toContain(post.id);
    expect(await countJobs(t.database.handle.db, 'text-recheck')).toBe(0);
  });
});

it('a recheck that finds risky content rejects it with a reason shown to the author only', async () => {
  const author = await t.loginAsMember('迟到的判决');
  t.fake.setFailure('msg_sec_check', 'busy');
  const post = (
    await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '内容', body: '问题内容 [risky]' },
    })
  ).json();
  t.fake.setFailure('msg_sec_check', null);
  await t.app.jobs.runDue(later(60_000));
  const mine = (await t.request({ method: 'GET', url: `/posts/${post.id}`, token: author.accessToken })).json();
  expect(mine).toMatchObject({ status: 'rejected', reviewMessage: expect.stringContaining('未通过') });
  expect(await publicFeed()).not.toContain(post.id);
});

it('comments and nicknames are rechecked the same way', async () => {
  const author = await t.loginAsMember('评论者');
  const [post] = (await t.request({ method: 'GET', url: '/posts' })).json().items;
  const guest = await t.loginAsGuest();
  t.fake.setFailure('msg_sec_check', 'busy');
  const comment = (
    await t.request({ method: 'POST', url: `/posts/${post.id}/comments`, token: author.accessToken, payload: { body: '写得真好' } })
  ).json();
  const profile = (await t.request({ method: 'PUT', url: '/me', token: guest.accessToken, payload: { nickname: '新昵称' } })).json();
  expect(comment.status).toBe('checking');
  expect(profile).toMatchObject({ nicknameStatus: 'checking', user: { nickname: null, pendingNickname: '新昵称' } });
  t.fake.setFailure('msg_sec_check', null);
  await t.app.jobs.runDue(later(60_000));
  const thread = (await t.request({ method: 'GET', url: `/posts/${post.id}/comments?limit=50` })).json().items;
  expect(thread.map((c: { id: number }) => c.id)).toContain(comment.id);
  expect((await t.request({ method: 'GET', url: '/me', token: guest.accessToken })).json()).toMatchObject({
    nickname: '新昵称',
    pendingNickname: null,
  });
});

it('a post deleted while waiting for its recheck simply drops the job', async () => {
  const author = await t.loginAsMember('改主意的人');
  t.fake.setFailure('msg_sec_check', 'busy');
  const post = (
    await t.request({ method: 'POST', url: '/posts', token: author.accessToken, payload: { boardId, title: '算了', body: '还是删掉吧' } })
  ).json();
  await t.request({ method: 'DELETE', url: `/posts/${post.id}`, token: author.accessToken });
  t.fake.setFailure('msg_sec_check', null);
  await t.app.jobs.runDue(later(60_000));
  expect(await countJobs(t.database.handle.db, 'text-recheck')).toBe(0);
});
