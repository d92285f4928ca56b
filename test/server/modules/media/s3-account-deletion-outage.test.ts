/**
 * Account deletion while object storage is down: the request succeeds (the rows are gone), the
 * files it could not delete wait in a durable job, and the job removes them once the storage
 * answers again, so no personal image is left behind. Uses an s3rver of its own, on a free
 * loopback port, so it can stop and restart it.
 */
import fs from 'node:fs';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { UploadedMedia } from '@wx-community-starter/contract';
import { MEDIA_FILES_DELETE_JOB } from '../../../../server/src/modules/media/media-files-delete.job';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: http.Server;
}
// s3rver ships no types.
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

const BUCKET = 'outage-test';

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

let dir: string;
let server: S3rverInstance;
let port: number;
let t: TestApp;

const startS3 = async (atPort = 0) => {
  server = new S3rver({
    address: '127.0.0.1',
    port: atPort,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET, configs: [] }],
  });
  port = (await server.run()).port;
};
const stopS3 = async () => {
  server.httpServer.closeAllConnections();
  await server.close();
};
// s3rver keeps an object as `<key>._S3rver_object` in the bucket's folder.
const objectFiles = () =>
  fs
    .readdirSync(path.join(dir, BUCKET), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('._S3rver_object'));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-s3rver-'));
  await startS3();
  t = await createTestApp(
    {
      MEDIA_STORE: 's3',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_BUCKET: BUCKET,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    { listen: true },
  );
});
afterAll(async () => {
  await t?.close();
  await stopS3().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('deletes the account at once and the objects as soon as the storage is back', async () => {
  const member = await t.loginAsMember('断线时注销', 'o_s3_outage_delete');
  const form = new FormData();
  form.append('purpose', 'post_image');
  const bytes = await sharp({ create: { width: 48, height: 20, channels: 3, background: '#a74' } })
    .png()
    .toBuffer();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
  const uploaded = await fetch(`${t.baseUrl}/media`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${member.accessToken}` },
  });
  expect(uploaded.status).toBe(201);
  const { id } = (await uploaded.json()) as UploadedMedia;
  const { storage_key: key } = await t.database.handle.db
    .selectFrom('media')
    .select('storage_key')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(objectFiles().some((f) => f.includes(key))).toBe(true);

  await stopS3();
  expect((await t.request({ method: 'DELETE', url: '/me', token: member.accessToken })).statusCode).toBe(204);
  expect(await t.database.handle.db.selectFrom('media').select('id').where('id', '=', id).executeTakeFirst()).toBeUndefined();
  const queued = await t.database.handle.db.selectFrom('jobs').select('payload').where('kind', '=', MEDIA_FILES_DELETE_JOB).execute();
  expect(queued).toHaveLength(1);
  expect(t.logs.some((line) => line.includes('S3 media store unavailable') && line.includes('"operation":"delete"'))).toBe(true);
  expect(objectFiles().some((f) => f.includes(key))).toBe(true);

  await startS3(port);
  await until(
    async () =>
      (await t.database.handle.db.selectFrom('jobs').select('id').where('kind', '=', MEDIA_FILES_DELETE_JOB).execute()).length === 0,
    'the retried deletion',
  );
  expect(objectFiles().some((f) => f.includes(key))).toBe(false);
});
