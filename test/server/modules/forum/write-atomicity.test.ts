/**
 * Property 12: a database failure in the middle of a write leaves nothing half-done. The fault is
 * real: the jobs table is renamed away, so the post insert succeeds and the recheck-job insert
 * that belongs to the same transaction fails.
 */
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('a failed recheck-job insert rolls the post back: 500, no post, no job, a Chinese message', async () => {
  const author = await t.loginAsMember('谨慎的人');
  const boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
  const db = t.database.handle.db;
  const postsBefore = (await db.selectFrom('posts').select('id').execute()).length;
  t.fake.setFailure('msg_sec_check', 'busy');
  await sql`ALTER TABLE jobs RENAME TO jobs_unavailable`.execute(db);
  try {
    const response = await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '不会留下', body: '写一半失败的内容' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'internal_error', message: '服务出了点问题，请稍后再试' });
  } finally {
    await sql`ALTER TABLE jobs_unavailable RENAME TO jobs`.execute(db);
    t.fake.setFailure('msg_sec_check', null);
  }
  expect(await db.selectFrom('posts').select('id').execute()).toHaveLength(postsBefore);
  expect(await db.selectFrom('jobs').select('id').execute()).toHaveLength(0);
  expect(t.logs.join('')).toMatch(/unhandled error/);
});
