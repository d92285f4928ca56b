/**
 * REDIS_URL shares every limit across instances: two instances on one database and one Redis
 * allow N per minute in total, not 2N. Runs against the Redis CI starts (TEST_REDIS_URL); each
 * test app gets its own key prefix so parallel suites never count each other's requests.
 */
import type { FastifyInstance } from 'fastify';
import { startSecondInstance } from '../../support/server/second-instance';
import { describeWith, testRedisUrl, uniqueKeyPrefix } from '../../support/server/services';
import { createTestApp, type TestApp } from '../../support/server/test-app';

const LIMIT = 5;
const redisUrl = testRedisUrl();

/** Password attempts alternating between the instances, as a round-robin load balancer sends them. */
async function alternate(instances: FastifyInstance[], count: number, fake: TestApp['fake']): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await instances[i % instances.length]!.inject({
      method: 'POST',
      url: '/auth/password',
      payload: { username: 'reviewer', password: `wrong-guess-${i}`, code: fake.issueLoginCode() },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describeWith(redisUrl, 'shared rate limits need Redis: set TEST_REDIS_URL (CI does)')('two instances, one database, one Redis', () => {
  let t: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp(
      {
        REDIS_URL: redisUrl!,
        REDIS_KEY_PREFIX: uniqueKeyPrefix(),
        RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT),
        RATE_LIMIT_POSTS_PER_MINUTE: String(LIMIT),
      },
      { sharedDatabase: true },
    );
    second = await startSecondInstance(t);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it(`allows ${LIMIT} password attempts per minute in total, not ${2 * LIMIT}`, async () => {
    const statuses = await alternate([t.app, second], 4 * LIMIT, t.fake);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
    const limited = await second.inject({
      method: 'POST',
      url: '/auth/password',
      payload: { username: 'reviewer', password: 'again', code: t.fake.issueLoginCode() },
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it(`allows one user ${LIMIT} posts per minute across both instances`, async () => {
    const boardId = (await t.request({ method: 'GET', url: '/boards' }))
      .json()
      .items.find((board: { staffOnly: boolean }) => !board.staffOnly).id;
    const member = await t.loginAsMember('两边发帖');
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT; i += 1) {
      const response = await [t.app, second][i % 2]!.inject({
        method: 'POST',
        url: '/posts',
        headers: { authorization: `Bearer ${member.accessToken}` },
        payload: { boardId, title: `第${i}帖`, body: '内容' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(201), ...Array<number>(LIMIT).fill(429)]);
    const stored = await t.database.handle.db.selectFrom('posts').select('id').where('author_id', '=', member.user.id).execute();
    expect(stored).toHaveLength(LIMIT);
  });
});

describe('without REDIS_URL (counters in each instance)', () => {
  let t: TestApp;
  let second: FastifyInstance;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT) }, { sharedDatabase: true });
    second = await startSecondInstance(t);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it(`allows ${2 * LIMIT} in total with two instances: why several instances need REDIS_URL`, async () => {
    const statuses = await alternate([t.app, second], 4 * LIMIT, t.fake);
    expect(statuses.filter((s) => s === 401)).toHaveLength(2 * LIMIT);
  });
});
