/**
 * Images whose verdict never comes (issue 12, item 4): WeChat's push is lost, so the image would
 * stay pending and its post `checking` for good. The sweep re-submits an image submitted longer
 * ago than the threshold, a bounded number of times, then holds it for moderators, so the post
 * leaves `checking`; moderators see how old the oldest waiting content is. Over real HTTP, with
 * the fake WeChat downloading and (when let) pushing, on both databases.
 */
import sharp from 'sharp';
import type { ModerationSummary, PostDetail, TokenPair, UploadedMedia } from '@wx-community-starter/contract';
import { sweepStuckMediaChecks } from '../../../../server/src/modules/media/media-check-sweep.job';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
let boardId: number;
let author: TokenPair;
let moderator: TokenPair;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' }, { listen: true });
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
  author = await t.loginAsMember('等结果的人', 'o_waiting_author');
  moderator = await t.loginAsTestAccount();
});
afterAll(() => t.close());
afterEach(() => t.fake.holdPushes(false));

const SETTINGS = { intervalMs: 60_000, stuckAfterSeconds: 600, maxResubmits: 2 };
const sweep = (minutesLater: number) =>
  sweepStuckMediaChecks({ db: t.database.handle.db, logger: t.app.log, ...SETTINGS }, new Date(Date.now() + minutesLater * 60_000));

const png = (width: number) =>
  sharp({ create: { width, height: 20, channels: 3, background: '#4a7' } })
    .png()
    .toBuffer();

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const mediaRow = (id: string) =>
  t.database.handle.db
    .selectFrom('media')
    .select(['status', 'trace_id', 'check_submissions'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
const postStatus = async (id: number) => (await t.request({ method: 'GET', url: `/posts/${id}`, token: author.accessToken })).json().status;
const summary = async (): Promise<ModerationSummary> =>
  (await t.request({ method: 'GET', url: '/moderation/summary', token: moderator.accessToken })).json();

/** An image post whose image has been submitted `submissions` times (pushes held: each verdict is lost). */
async function imagePostAwaitingVerdict(width = 40): Promise<{ mediaId: string; post: PostDetail }> {
  const form = new FormData();
  form.append('purpose', 'post_image');
  form.append('file', new Blob([new Uint8Array(await png(width))], { type: 'image/png' }), 'photo.png');
  const uploaded = await fetch(`${t.baseUrl}/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${author.accessToken}` },
  });
  const media = (await uploaded.json()) as UploadedMedia;
  const response = await t.request({
    method: 'POST',
    url: '/posts',
    token: author.accessToken,
    payload: { boardId, title: '等审核结果的图片帖', body: '图片发出去以后一直没有结果。', mediaIds: [media.id] },
  });
  expect(response.statusCode).toBe(201);
  await until(async () => (await mediaRow(media.id)).check_submissions === 1, 'the first submission');
  return { mediaId: media.id, post: response.json() };
}

it('re-submits an image whose push was lost, and applies the verdict of the new submission', async () => {
  t.fake.holdPushes(true);
  const { mediaId, post } = await imagePostAwaitingVerdict();
  const first = (await mediaRow(mediaId)).trace_id!;
  expect(await postStatus(post.id)).toBe('checking');

  expect(await sweep(5)).toMatchObject({ resubmitted: 0, held: 0 }); // not stuck yet
  const calls = t.fake.calls.media_check_async.length;
  t.fake.holdPushes(false);
  expect(await sweep(11)).toMatchObject({ resubmitted: 1, held: 0 });
  await until(async () => (await mediaRow(mediaId)).status === 'approved', 'the new verdict');
  expect(t.fake.calls.media_check_async.length).toBe(calls + 1);
  const row = await mediaRow(mediaId);
  expect(row.trace_id).not.toBe(first);
  expect(row.check_submissions).toBe(2);
  expect(await postStatus(post.id)).toBe('published');
});

it('after maxResubmits lost verdicts it holds the image for moderators, so the post leaves checking; a late push changes nothing', async () => {
  t.fake.holdPushes(true);
  const { mediaId, post } = await imagePostAwaitingVerdict();
  const firstTrace = (await mediaRow(mediaId)).trace_id!;
  for (let n = 2; n <= 3; n += 1) {
    expect(await sweep(11 * n)).toMatchObject({ resubmitted: 1, held: 0 });
    await until(async () => (await mediaRow(mediaId)).check_submissions === n, `submission ${n}`);
  }
  expect(await postStatus(post.id)).toBe('checking');
  expect(await sweep(40)).toMatchObject({ resubmitted: 0, held: 1 });
  expect((await mediaRow(mediaId)).status).toBe('held');
  expect(await postStatus(post.id)).toBe('held');
  expect(await sweep(60)).toMatchObject({ resubmitted: 0, held: 0 }); // held is a person's now

  const queue = (await t.request({ method: 'GET', url: '/moderation/media?limit=50', token: moderator.accessToken })).json().items;
  expect(queue.find((m: { id: string }) => m.id === mediaId)).toMatchObject({ status: 'held', awaitingWeChat: false, postId: post.id });

  // The first submission's verdict turns up after all: its trace id is no longer the image's.
  await t.fake.pushFor(firstTrace, { suggest: 'pass' });
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect((await mediaRow(mediaId)).status).toBe('held');
  expect(await postStatus(post.id)).toBe('held');
});

it('leaves alone images whose verdict arrived, and images not yet submitted (their submit job retries)', async () => {
  const { mediaId } = await imagePostAwaitingVerdict();
  await until(async () => (await mediaRow(mediaId)).status === 'approved', 'the normal verdict');
  t.fake.setFailure('media_check_async', 'busy');
  try {
    const form = new FormData();
    form.append('purpose', 'post_image');
    form.append('file', new Blob([new Uint8Array(await png(41))], { type: 'image/png' }), 'photo.png');
    const unsent = (await (
      await fetch(`${t.baseUrl}/media`, { method: 'POST', body: form, headers: { authorization: `Bearer ${author.accessToken}` } })
    ).json()) as UploadedMedia;
    await until(async () => t.fake.calls.media_check_async.length > 0, 'a refused submission');
    const before = await mediaRow(unsent.id);
    expect(before).toMatchObject({ status: 'pending', trace_id: null, check_submissions: 0 });
    const result = await sweep(120);
    expect(await mediaRow(mediaId)).toMatchObject({ status: 'approved', check_submissions: 1 });
    expect(await mediaRow(unsent.id)).toEqual(before);
    expect(result.held).toBe(0);
  } finally {
    t.fake.setFailure('media_check_async', null);
  }
});

it('the summary counts each queue and gives the age of the oldest content waiting for WeChat', async () => {
  // Clear what the earlier tests left waiting, so the figures below are this test's own.
  await t.database.handle.db.updateTable('media').set({ status: 'rejected' }).where('status', 'in', ['pending', 'held']).execute();
  await t.database.handle.db.updateTable('posts').set({ status: 'rejected' }).where('status', 'in', ['checking', 'held']).execute();
  const empty = await summary();
  expect(empty).toMatchObject({ oldestPendingAgeSeconds: null, oldestPendingAt: null, awaitingWeChat: { media: 0, posts: 0 } });

  t.fake.holdPushes(true);
  const { mediaId } = await imagePostAwaitingVerdict();
  const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
  await t.database.handle.db.updateTable('media').set({ created_at: twoMinutesAgo }).where('id', '=', mediaId).execute();
  const held = await t.request({
    method: 'POST',
    url: '/posts',
    token: author.accessToken,
    payload: { boardId, title: '需要人工看看', body: '这段内容需要人工看看 [review]' },
  });
  expect(held.json().status).toBe('held');

  const figures = await summary();
  expect(figures.awaitingWeChat).toMatchObject({ media: 1, posts: 1 });
  expect(figures.queues).toMatchObject({ media: 1, posts: 2 });
  expect(figures.oldestPendingAt).toBe(twoMinutesAgo);
  expect(figures.oldestPendingAgeSeconds).toBeGreaterThanOrEqual(120);
  expect(figures.oldestPendingAgeSeconds).toBeLessThan(130);
  expect((await t.request({ method: 'GET', url: '/moderation/summary', token: author.accessToken })).statusCode).toBe(403);
});
