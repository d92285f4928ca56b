import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({
    RATE_LIMIT_POSTS_PER_MINUTE: '3',
    RATE_LIMIT_COMMENTS_PER_MINUTE: '3',
    RATE_LIMIT_LOGINS_PER_MINUTE: '10',
    RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: '3',
  });
});
afterAll(() => t.close());

function expectLimited(response: Awaited<ReturnType<TestApp['request']>>) {
  expect(response.statusCode).toBe(429);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.json()).toMatchObject({ code: 'rate_limited', message: '操作太频繁，请稍后再试' });
}

it('limits posting per user with 429 and Retry-After, without affecting other users', async () => {
  const boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
  const busy = await t.loginAsMember('话很多');
  const calm = await t.loginAsMember('话很少');
  const post = (token: string, i: number) =>
    t.request({ method: 'POST', url: '/posts', token, payload: { boardId, title: `第${i}帖`, body: '内容' } });
  const statuses = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await post(busy.accessToken, i)).statusCode);
  expect(statuses).toEqual([201, 201, 201, 429]);
  expectLimited(await post(busy.accessToken, 5));
  expect((await post(calm.accessToken, 1)).statusCode).toBe(201);
  const stored = await t.database.handle.db.selectFrom('posts').select('id').where('author_id', '=', busy.user.id).execute();
  expect(stored).toHaveLength(3);
});

it('limits commenting per user', async () => {
  const [post] = (await t.request({ method: 'GET', url: '/posts' })).json().items;
  const member = await t.loginAsMember('评论达人');
  const results = await Promise.all(
    [1, 2, 3, 4, 5].map((i) =>
      t.request({ method: 'POST', url: `/posts/${post.id}/comments`, token: member.accessToken, payload: { body: `评论${i}` } }),
    ),
  );
  expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
  results.filter((r) => r.statusCode !== 201).forEach(expectLimited);
});

it('limits password attempts per address and username', async () => {
  const attempt = () =>
    t.request({
      method: 'POST',
      url: '/auth/password',
      payload: { username: 'reviewer', password: 'guess', code: t.fake.issueLoginCode() },
    });
  const statuses = [];
  for (let i = 0; i < 4; i += 1) statuses.push((await attempt()).statusCode);
  expect(statuses).toEqual([401, 401, 401, 429]);
});

it('limits silent logins per address', async () => {
  const statuses = [];
  for (let i = 0; i < 12; i += 1)
    statuses.push((await t.request({ method: 'POST', url: '/auth/wechat', payload: { code: t.fake.issueLoginCode() } })).statusCode);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
});
