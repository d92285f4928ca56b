/**
 * Images end to end over real HTTP: upload → pending → the fake WeChat downloads the image from
 * the server's expiring URL → it pushes a signed wxa_media_check callback → the verdict applies.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import type { PostDetail, TokenPair, UploadedMedia } from '@wx-community-starter/contract';
import { urlSignature } from '../../../../server/src/wechat/push-crypto';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
let boardId: number;
beforeAll(async () => {
  t = await createTestApp({}, { listen: true });
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
});
afterAll(() => t.close());
afterEach(() => {
  t.fake.holdPushes(false);
  t.fake.configurePush({ mode: 'plaintext' });
});

/** The fake's image rule: 13 px wide → risky, 17 px wide → review, else pass. */
const png = (width: number, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: '#4a7' } })
    .png()
    .toBuffer();

async function upload(token: string, bytes: Buffer, purpose = 'post_image', filename = 'photo.png') {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), filename);
  const response = await fetch(`${t.baseUrl}/media`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as UploadedMedia & { code?: string; message?: string } };
}

async function mediaStatus(id: string): Promise<string> {
  return (await t.database.handle.db.selectFrom('media').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The trace_id mediaCheckAsync gave for an image, once the submission job has run. */
async function traceIdOf(mediaId: string): Promise<string> {
  const read = async () =>
    (await t.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', mediaId).executeTakeFirstOrThrow()).trace_id;
  await until(async () => (await read()) !== null, 'the mediaCheckAsync submission');
  return (await read())!;
}

const publicStatus = async (id: string) => (await fetch(`${t.baseUrl}/media/${id}`)).status;
const storedFiles = async () => (await fs.readdir(t.mediaDir, { recursive: true })).filter((f) => /\.\w+$/.test(f));

let author: TokenPair;
beforeAll(async () => {
  author = await t.loginAsMember('拍照的人', 'o_photographer');
});

describe('upload → pending → pushed verdict', () => {
  it('pass: pending and not served publicly until the signed push approves it', async () => {
    t.fake.holdPushes(true);
    const { status, body } = await upload(author.accessToken, await png(40));
    expect(status).toBe(201);
    expect(body).toMatchObject({ status: 'pending', url: null, width: 40, height: 20 });
    await until(async () => t.fake.calls.media_check_async.length > 0, 'mediaCheckAsync');
    expect(t.fake.calls.media_check_async.at(-1)).toMatchObject({ media_type: 2, version: 2, scene: 3, openid: 'o_photographer' });
    expect(await publicStatus(body.id)).toBe(404);

    expect((await t.fake.pushFor(await traceIdOf(body.id))).body).toBe('success');
    await until(async () => (await mediaStatus(body.id)) === 'approved', 'approval');
    const served = await fetch(`${t.baseUrl}/media/${body.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(40);
  });

  it('the URL WeChat downloads from is unguessable, works while pending, and is the only non-public way in', async () => {
    t.fake.holdPushes(true);
    const { body } = await upload(author.accessToken, await png(41));
    await traceIdOf(body.id);
    expect(String(t.fake.calls.media_check_async.at(-1)?.media_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/check\/[\w-]{32,}$/);
    const row = await t.database.handle.db
      .selectFrom('media')
      .select(['fetch_token', 'status'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
    expect(row.fetch_token.length).toBeGreaterThanOrEqual(32);
    expect((await fetch(`${t.baseUrl}/media/check/${row.fetch_token}`)).status).toBe(200);
    expect((await fetch(`${t.baseUrl}/media/check/${'x'.repeat(32)}`)).status).toBe(404);
    await t.database.handle.db
      .updateTable('media')
      .set({ fetch_expires_at: '2000-01-01T00:00:00.000Z' })
      .where('id', '=', body.id)
      .execute();
    expect((await fetch(`${t.baseUrl}/media/check/${row.fetch_token}`)).status).toBe(404);
  });

  it('a post with a pending image stays unpublished until the image passes, then appears with its image', async () => {
    t.fake.holdPushes(true);
    const { body: image } = await upload(author.accessToken, await png(50));
    const created = await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '晚霞', body: '今天的晚霞很美', mediaIds: [image.id] },
    });
    expect(created.statusCode).toBe(201);
    const post: PostDetail = created.json();
    expect(post.status).toBe('checking');
    expect(post.images).toEqual([expect.objectContaining({ id: image.id, status: 'pending', url: null })]);
    const feed = (await t.request({ method: 'GET', url: '/posts?limit=50' })).json().items.map((p: { id: number }) => p.id);
    expect(feed).not.toContain(post.id);
    await t.fake.pushFor(await traceIdOf(image.id));
    await until(async () => (await t.request({ method: 'GET', url: `/posts/${post.id}` })).statusCode === 200, 'publication');
    const published: PostDetail = (await t.request({ method: 'GET', url: `/posts/${post.id}` })).json();
    expect(published.status).toBe('published');
    expect(published.images).toEqual([{ id: image.id, status: 'approved', url: `/media/${image.id}`, width: 50, height: 20 }]);
  });

  it('risky (pushed automatically in safe mode): the image is rejected, its post hidden, the author told why', async () => {
    t.fake.configurePush({ mode: 'safe' });
    t.fake.holdPushes(true);
    const { body: image } = await upload(author.accessToken, await png(13));
    const post: PostDetail = (
      await t.request({
        method: 'POST',
        url: '/posts',
        token: author.accessToken,
        payload: { boardId, title: '一张图', body: '看看这张', mediaIds: [image.id] },
      })
    ).json();
    expect(post.status).toBe('checking');
    expect(await t.fake.pushFor(await traceIdOf(image.id))).toEqual({ status: 200, body: 'success' });
    expect(t.fake.pushes.at(-1)).toMatchObject({ mode: 'safe', event: { result: { suggest: 'risky' } } });
    await until(async () => (await mediaStatus(image.id)) === 'rejected', 'rejection');
    expect(await publicStatus(image.id)).toBe(404);
    const mine: PostDetail = (await t.request({ method: 'GET', url: `/posts/${post.id}`, token: author.accessToken })).json();
    expect(mine).toMatchObject({ status: 'rejected', reviewMessage: expect.stringContaining('图片未通过') });
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).statusCode).toBe(404);
  });

  it('a rejected image cannot be attached to a new post', async () => {
    t.fake.holdPushes(false);
    const { body: image } = await upload(author.accessToken, await png(13, 30));
    await until(async () => (await mediaStatus(image.id)) === 'rejected', 'automatic risky push');
    const response = await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: { boardId, title: '再试', body: '换个帖子', mediaIds: [image.id] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_media');
  });

  it('an avatar applies only after it passes', async () => {
    const guest = await t.loginAsGuest();
    t.fake.holdPushes(true);
    const { body } = await upload(guest.accessToken, await png(60), 'avatar');
    expect(body.purpose).toBe('avatar');
    expect((await t.request({ method: 'GET', url: '/me', token: guest.accessToken })).json()).toMatchObject({
      avatarUrl: null,
      avatarPending: true,
    });
    expect(t.fake.calls.media_check_async.length).toBeGreaterThan(0);
    const trace = await traceIdOf(body.id);
    expect(t.fake.calls.media_check_async.at(-1)).toMatchObject({ scene: 1 });
    await t.fake.pushFor(trace);
    await until(
      async () => (await t.request({ method: 'GET', url: '/me', token: guest.accessToken })).json().avatarUrl === `/media/${body.id}`,
      'avatar applied',
    );
  });
});

describe('callbacks that must change nothing, or apply once', () => {
  async function pendingImage(width: number) {
    t.fake.holdPushes(true);
    const { body } = await upload(author.accessToken, await png(width));
    return { id: body.id, trace: await traceIdOf(body.id) };
  }

  it('a forged signature is refused and changes nothing (plaintext and safe mode)', async () => {
    const image = await pendingImage(70);
    expect((await t.fake.pushFor(image.trace, { forgeSignature: true })).status).toBe(401);
    expect((await t.fake.pushFor(image.trace, { forgeSignature: true, mode: 'safe' })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await mediaStatus(image.id)).toBe('pending');
  });

  it('a stale timestamp is refused and changes nothing', async () => {
    const image = await pendingImage(71);
    expect((await t.fake.pushFor(image.trace, { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await mediaStatus(image.id)).toBe('pending');
  });

  it('an unknown trace_id is acknowledged and changes nothing', async () => {
    const image = await pendingImage(72);
    expect(await t.fake.pushFor('trace-that-we-never-issued', { suggest: 'pass' })).toEqual({ status: 200, body: 'success' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await mediaStatus(image.id)).toBe('pending');
  });

  it('a duplicate (or a late contradicting) callback applies once', async () => {
    const image = await pendingImage(73);
    await t.fake.pushFor(image.trace, { suggest: 'pass' });
    await until(async () => (await mediaStatus(image.id)) === 'approved', 'approval');
    await t.fake.pushFor(image.trace, { suggest: 'pass' });
    await t.fake.pushFor(image.trace, { suggest: 'risky' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await mediaStatus(image.id)).toBe('approved');
  });

  it('answers the GET verification with echostr only for a valid signature', async () => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const good = urlSignature(t.config.push.token, timestamp, '42');
    expect(await (await fetch(`${t.baseUrl}/wechat/push?signature=${good}&timestamp=${timestamp}&nonce=42&echostr=hello`)).text()).toBe(
      'hello',
    );
    expect((await fetch(`${t.baseUrl}/wechat/push?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=42&echostr=hello`)).status).toBe(
      401,
    );
  });
});

describe('uploads refused with nothing kept', () => {
  it('oversized → 413, not an image (whatever its name) → 415; no row, no file, no job', async () => {
    const rowsBefore = (await t.database.handle.db.selectFrom('media').select('id').execute()).length;
    const jobsBefore = (await t.database.handle.db.selectFrom('jobs').select('id').execute()).length;
    const filesBefore = (await storedFiles()).length;
    const huge = await sharp({ create: { width: 3000, height: 3000, channels: 3, background: '#123' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(huge.length).toBeGreaterThan(t.config.media.maxBytes);
    const tooBig = await upload(author.accessToken, huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'file_too_large', message: expect.stringContaining('图片不能超过') });
    const fake = await upload(author.accessToken, Buffer.from('<?php echo "not an image"; ?>'), 'post_image', 'innocent.png');
    expect(fake.status).toBe(415);
    expect(fake.body.code).toBe('unsupported_media');
    expect((await t.database.handle.db.selectFrom('media').select('id').execute()).length).toBe(rowsBefore);
    expect((await t.database.handle.db.selectFrom('jobs').select('id').execute()).length).toBe(jobsBefore);
    expect((await storedFiles()).length).toBe(filesBefore);
  });

  it('strips metadata (EXIF) from what it stores', async () => {
    const withExif = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#999' } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret-device-owner' } } })
      .toBuffer();
    expect((await sharp(withExif).metadata()).exif).toBeDefined();
    const { body } = await upload(author.accessToken, withExif, 'post_image', 'a.jpg');
    const row = await t.database.handle.db.selectFrom('media').select('storage_key').where('id', '=', body.id).executeTakeFirstOrThrow();
    const stored = await fs.readFile(path.join(t.mediaDir, row.storage_key.slice(0, 2), row.storage_key));
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes(Buffer.from('secret-device-owner'))).toBe(false);
  });

  it('a database failure while recording an upload leaves no file and no job (property 12)', async () => {
    const filesBefore = (await storedFiles()).length;
    await sql`ALTER TABLE jobs RENAME TO jobs_unavailable`.execute(t.database.handle.db);
    try {
      expect((await upload(author.accessToken, await png(80))).status).toBe(500);
    } finally {
      await sql`ALTER TABLE jobs_unavailable RENAME TO jobs`.execute(t.database.handle.db);
    }
    expect((await storedFiles()).length).toBe(filesBefore);
    expect(await t.database.handle.db.selectFrom('media').select('id').where('width', '=', 80).execute()).toHaveLength(0);
  });
});

it('mediaCheckAsync unavailable: the submission is retried until WeChat answers, nothing shown meanwhile', async () => {
  t.fake.holdPushes(true);
  t.fake.failNext('media_check_async', 'busy', 1);
  const { body } = await upload(author.accessToken, await png(90));
  // This upload's own job (earlier tests left theirs; PostgreSQL returns rows in no fixed order).
  const submission = () =>
    t.database.handle.db
      .selectFrom('jobs')
      .select('last_error')
      .where('kind', '=', 'media-check-submit')
      .where('payload', 'like', `%${body.id}%`)
      .executeTakeFirst();
  await until(async () => (await submission())?.last_error != null, 'a deferred submission', 10_000);
  expect(await publicStatus(body.id)).toBe(404);
  await t.app.jobs.runDue(new Date(Date.now() + 60_000));
  expect(
    (await t.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', body.id).executeTakeFirstOrThrow()).trace_id,
  ).not.toBeNull();
});

it('deleting the account removes its images, files included', async () => {
  const leaving = await t.loginAsMember('要走的摄影师');
  const { body } = await upload(leaving.accessToken, await png(95));
  const row = await t.database.handle.db.selectFrom('media').select('storage_key').where('id', '=', body.id).executeTakeFirstOrThrow();
  const file = path.join(t.mediaDir, row.storage_key.slice(0, 2), row.storage_key);
  await fs.access(file);
  expect((await t.request({ method: 'DELETE', url: '/me', token: leaving.accessToken })).statusCode).toBe(204);
  expect(await t.database.handle.db.selectFrom('media').select('id').where('id', '=', body.id).execute()).toHaveLength(0);
  await expect(fs.access(file)).rejects.toThrow();
});

it('never logs the capability URL WeChat downloads images from', async () => {
  const tokens = (await t.database.handle.db.selectFrom('media').select('fetch_token').execute()).map((row) => row.fetch_token);
  expect(tokens.length).toBeGreaterThan(0);
  expect(t.logs.join('')).toContain('/media/check/[redacted]');
  for (const token of tokens) expect(t.logs.join('')).not.toContain(token);
});
