/**
 * What the limits do while Redis is down (the decision is written in plugins/rate-limit-store.ts):
 * password attempts fail closed with 503, other limits count in the instance's memory, /health
 * says Redis is down, one error line is logged per outage; when Redis is back, shared counting
 * resumes by itself. Uses a redis-server of its own (Unix socket in a temp dir) so it may stop it.
 */
import { hasRedisServerBinary, startPrivateRedis, uniqueKeyPrefix, type PrivateRedis } from '../../support/server/services';
import { createTestApp, type TestApp } from '../../support/server/test-app';

const LIMIT = 3;
const run = hasRedisServerBinary() ? describe : describe.skip;
if (!hasRedisServerBinary()) console.warn('skipped: the Redis outage test needs redis-server on PATH (CI installs it)');

run('Redis down', () => {
  let redis: PrivateRedis;
  let t: TestApp;
  beforeAll(async () => {
    redis = await startPrivateRedis();
    t = await createTestApp({
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: uniqueKeyPrefix(),
      RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT),
      RATE_LIMIT_POSTS_PER_MINUTE: String(LIMIT),
    });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.close();
  });

  const attempt = () =>
    t.request({
      method: 'POST',
      url: '/auth/password',
      payload: { username: 'reviewer', password: 'wrong-guess', code: t.fake.issueLoginCode() },
    });

  it('fails closed for password attempts, counts other limits per instance, and recovers when Redis is back', async () => {
    expect((await t.request({ method: 'GET', url: '/health' })).json()).toEqual({ ok: true, database: 'up', redis: 'up' });
    expect((await attempt()).statusCode).toBe(401);
    const boardId = (await t.request({ method: 'GET', url: '/boards' }))
      .json()
      .items.find((board: { staffOnly: boolean }) => !board.staffOnly).id;
    const member = await t.loginAsMember('断网也发帖');

    await redis.stop();

    // Password attempts: refused, quickly, with a clear message.
    const started = Date.now();
    const refused = await attempt();
    expect(refused.statusCode).toBe(503);
    expect(refused.json()).toMatchObject({ code: 'rate_limit_unavailable', message: '服务繁忙，请稍后再试' });
    expect(Date.now() - started).toBeLessThan(3000);
    // Posting keeps working and is still limited, by this instance's own counter.
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i += 1) {
      statuses.push(
        (
          await t.request({
            method: 'POST',
            url: '/posts',
            token: member.accessToken,
            payload: { boardId, title: `停电${i}`, body: '内容' },
          })
        ).statusCode,
      );
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(201), 429, 429]);
    // Health says so; the log says so once.
    const health = await t.request({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toEqual({ ok: false, database: 'up', redis: 'down' });
    expect(t.logs.filter((line) => line.includes('Redis unavailable: password attempts are refused'))).toHaveLength(1);

    await redis.start();
    const deadline = Date.now() + 8000;
    while ((await t.request({ method: 'GET', url: '/health' })).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('Redis did not come back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(t.logs.some((line) => line.includes('Redis answers again'))).toBe(true);
    // Shared counting again (a fresh Redis: the count starts over).
    expect((await attempt()).statusCode).toBe(401);
  });
});
