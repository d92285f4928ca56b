/**
 * The moderators' overview (the web console's dashboard): queue sizes, the oldest item waiting for
 * a person and its age, the WeChat checks that keep failing (with secrets stripped) and the job
 * backlog. Moderators only.
 */
import { enqueueJob, rescheduleJob } from '../../../../server/src/jobs/jobs.repository';
import { TEXT_RECHECK_JOB } from '../../../../server/src/modules/content-check/text-recheck.job';
import { moderationOverview } from '../../../../server/src/modules/moderation/moderation-overview';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' });
});
afterAll(() => t.close());

it('counts what waits, dates the oldest item, lists failing checks without secrets, and counts the backlog', async () => {
  const db = t.database.handle.db;
  const empty = await moderationOverview(db);
  expect(empty).toMatchObject({ held: 0, pending: 0, oldestWaitingAt: null, oldestWaitingSeconds: null, recentCheckFailures: [] });

  const boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
  const author = await t.loginAsMember('排队的人');
  for (const body of ['第一条 [review]', '第二条 [review]']) {
    const response = await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '待审', body },
    });
    expect(response.json().status).toBe('held');
  }
  const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
  const first = await db.selectFrom('posts').select('id').where('status', '=', 'held').orderBy('id').executeTakeFirstOrThrow();
  await db.updateTable('posts').set({ created_at: hourAgo }).where('id', '=', first.id).execute();

  await enqueueJob(db, { kind: TEXT_RECHECK_JOB, payload: { postId: first.id } });
  const job = await db.selectFrom('jobs').select('id').where('kind', '=', TEXT_RECHECK_JOB).executeTakeFirstOrThrow();
  await rescheduleJob(
    db,
    job.id,
    new Date(Date.now() + 60_000).toISOString(),
    'msgSecCheck -1 system busy at /wxa/msg_sec_check?access_token=SECRETTOKEN',
  );

  const now = new Date();
  const overview = await moderationOverview(db, now);
  expect(overview.queues.heldPosts).toEqual({ count: 2, oldestAt: hourAgo });
  expect(overview.held).toBe(2);
  expect(overview.oldestWaitingAt).toBe(hourAgo);
  expect(overview.oldestWaitingSeconds).toBe(Math.round((now.getTime() - Date.parse(hourAgo)) / 1000));
  expect(overview.recentCheckFailures).toEqual([
    expect.objectContaining({ kind: TEXT_RECHECK_JOB, attempts: 1, error: expect.stringContaining('system busy') }),
  ]);
  expect(JSON.stringify(overview)).not.toContain('SECRETTOKEN');
  expect(overview.jobBacklog).toContainEqual({ kind: TEXT_RECHECK_JOB, count: expect.any(Number) });
});

it('is for moderators only', async () => {
  const member = await t.loginAsMember('好奇的会员');
  const viewer = await t.app.services.auth.viewerFor(member.accessToken);
  await expect(t.app.services.moderation.overview(viewer)).rejects.toMatchObject({ statusCode: 403 });
  const moderator = await t.app.services.auth.viewerFor((await t.loginAsTestAccount()).accessToken);
  await expect(t.app.services.moderation.overview(moderator)).resolves.toMatchObject({ held: expect.any(Number) });
});
