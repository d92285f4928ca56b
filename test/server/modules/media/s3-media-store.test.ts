/**
 * MEDIA_STORE=s3 against a real S3-protocol server (s3rver in CI, TEST_S3_ENDPOINT): uploads land
 * in the bucket, the fake WeChat checks them through the capability URL, approved images are
 * served (through Node, or redirected to MEDIA_PUBLIC_BASE_URL), and deleting the account removes
 * the objects. And when the storage does not answer: 503, nothing half-stored, one log line.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import type { TokenPair, UploadedMedia } from '@wx-community-starter/contract';
import { describeWith, testS3, type S3TestSettings } from '../../../support/server/services';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

const s3 = testS3();
const png = (width: number, height = 20) =>
  sharp({ create: { width, height, channels: 3, background: '#47a' } })
    .png()
    .toBuffer();

async function upload(t: TestApp, token: string, bytes: Buffer) {
  const form = new FormData();
  form.append('purpose', 'post_image');
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const response = await fetch(`${t.baseUrl}/media`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: (await response.json()) as UploadedMedia & { code?: string; message?: string } };
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const mediaStatus = async (t: TestApp, id: string) =>
  (await t.database.handle.db.selectFrom('media').select('status').where('id', '=', id).executeTakeFirst())?.status;

function bucketClient(settings: S3TestSettings): S3Client {
  return new S3Client({
    endpoint: settings.S3_ENDPOINT,
    region: settings.S3_REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: settings.S3_ACCESS_KEY_ID, secretAccessKey: settings.S3_SECRET_ACCESS_KEY },
  });
}

describeWith(s3, 'the S3 media store needs an S3-protocol server: set TEST_S3_ENDPOINT (CI starts s3rver)')('MEDIA_STORE=s3', () => {
  let t: TestApp;
  let bucket: S3Client;
  let author: TokenPair;
  const keysOf = async (prefix = '') =>
    ((await bucket.send(new ListObjectsV2Command({ Bucket: s3!.S3_BUCKET, Prefix: prefix }))).Contents ?? []).map((object) => object.Key!);

  beforeAll(async () => {
    t = await createTestApp({ MEDIA_STORE: 's3', ...s3! }, { listen: true });
    bucket = bucketClient(s3!);
    author = await t.loginAsMember('云端相册', 'o_s3_author');
  });
  afterAll(async () => {
    bucket?.destroy();
    await t?.close();
  });

  it('stores the upload in the bucket, WeChat checks it through the capability URL, and it is served once approved', async () => {
    const { status, body } = await upload(t, author.accessToken, await png(44));
    expect(status).toBe(201);
    const row = await t.database.handle.db.selectFrom('media').select(['storage_key']).where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(await keysOf()).toContain(row.storage_key);
    // Nothing on local disk.
    await until(async () => (await mediaStatus(t, body.id)) === 'approved', 'the pushed pass verdict');
    expect(t.fake.calls.media_check_async.at(-1)?.media_url).toMatch(new RegExp(`^${t.baseUrl}/media/check/[\\w-]{20,}$`));

    const served = await fetch(`${t.baseUrl}/media/${body.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(44);
    const object = await bucket.send(new GetObjectCommand({ Bucket: s3!.S3_BUCKET, Key: row.storage_key }));
    expect(object.ContentType).toBe('image/png');
  });

  it('deleting the account removes its objects from the bucket', async () => {
    const leaving = await t.loginAsMember('要走的人', 'o_s3_leaving');
    const { body } = await upload(t, leaving.accessToken, await png(45));
    const row = await t.database.handle.db.selectFrom('media').select(['storage_key']).where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(await keysOf()).toContain(row.storage_key);
    await until(async () => (await mediaStatus(t, body.id)) === 'approved', 'approval');
    expect((await t.request({ method: 'DELETE', url: '/me', token: leaving.accessToken })).statusCode).toBe(204);
    expect(await keysOf()).not.toContain(row.storage_key);
    expect(await mediaStatus(t, body.id)).toBeUndefined();
  });
});

describeWith(s3, 'MEDIA_PUBLIC_BASE_URL needs an S3-protocol server: set TEST_S3_ENDPOINT')(
  'MEDIA_STORE=s3 with MEDIA_PUBLIC_BASE_URL',
  () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(
        { MEDIA_STORE: 's3', ...s3!, MEDIA_PUBLIC_BASE_URL: `${s3!.S3_ENDPOINT}/${s3!.S3_BUCKET}` },
        { listen: true },
      );
    });
    afterAll(() => t?.close());

    it('redirects an approved image to its public copy, never a pending one, and removes the copy with the account', async () => {
      const member = await t.loginAsMember('公开图片', 'o_s3_public');
      t.fake.holdPushes(true);
      const { body } = await upload(t, member.accessToken, await png(46));
      await until(async () => t.fake.calls.media_check_async.length > 0, 'the submission');
      expect((await fetch(`${t.baseUrl}/media/${body.id}`, { redirect: 'manual' })).status).toBe(404);
      const row = await t.database.handle.db
        .selectFrom('media')
        .select(['storage_key', 'trace_id'])
        .where('id', '=', body.id)
        .executeTakeFirstOrThrow();
      // The bucket's public prefix has no copy of a pending image.
      expect((await fetch(`${s3!.S3_ENDPOINT}/${s3!.S3_BUCKET}/public/${row.storage_key}`)).status).toBe(404);

      await until(
        async () =>
          (await t.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', body.id).executeTakeFirstOrThrow())
            .trace_id !== null,
        'trace id',
      );
      const traceId = (
        await t.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', body.id).executeTakeFirstOrThrow()
      ).trace_id!;
      expect((await t.fake.pushFor(traceId)).body).toBe('success');
      await until(async () => (await mediaStatus(t, body.id)) === 'approved', 'approval');

      const redirect = await fetch(`${t.baseUrl}/media/${body.id}`, { redirect: 'manual' });
      expect(redirect.status).toBe(302);
      const location = redirect.headers.get('location')!;
      expect(location).toBe(`${s3!.S3_ENDPOINT}/${s3!.S3_BUCKET}/public/${row.storage_key}`);
      const publicCopy = await fetch(location);
      expect(publicCopy.status).toBe(200);
      expect((await sharp(Buffer.from(await publicCopy.arrayBuffer())).metadata()).width).toBe(46);

      expect((await t.request({ method: 'DELETE', url: '/me', token: member.accessToken })).statusCode).toBe(204);
      expect((await fetch(location)).status).toBe(404);
      t.fake.holdPushes(false);
    });
  },
);

describe('MEDIA_STORE=s3 when the storage does not answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A loopback port nothing listens on: connections are refused at once.
    t = await createTestApp(
      {
        MEDIA_STORE: 's3',
        S3_ENDPOINT: 'http://127.0.0.1:9',
        S3_BUCKET: 'nowhere',
        S3_ACCESS_KEY_ID: 'key',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_FORCE_PATH_STYLE: 'true',
      },
      { listen: true },
    );
  });
  afterAll(() => t?.close());

  it('refuses the upload with a clear 503 and keeps nothing: no row, no job, one error log line', async () => {
    const member = await t.loginAsMember('存储故障', 'o_s3_down');
    const before = await t.database.handle.db
      .selectFrom('jobs')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const { status, body } = await upload(t, member.accessToken, await png(47));
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'media_store_unavailable', message: '图片服务暂时不可用，请稍后再试' });
    expect(await t.database.handle.db.selectFrom('media').select('id').where('owner_id', '=', member.user.id).execute()).toHaveLength(0);
    const after = await t.database.handle.db
      .selectFrom('jobs')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const lines = t.logs.filter((line) => line.includes('S3 media store unavailable'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ operation: 'put', bucket: 'nowhere', level: 50 });
  });
});
