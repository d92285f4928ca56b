/**
 * The crash test (issue 12; reliability properties 16 and 18): the real server entry, as a child
 * process talking to the fake WeChat (answering in 20 ms), takes a bounded write load — members
 * posting, every third post with an image — and is killed with SIGKILL mid-load and restarted on
 * the same port and database, three times. Afterwards: every post that got a 2xx is there; the
 * jobs the dead process had claimed are free again within the reclaim rule (at once on restart
 * with JOB_INSTANCE_ID, within one lease without it — the third restart runs without); and no
 * image stays pending past the sweep (WeChat's pushes to the dead process were lost), nor any
 * post `checking`. Runs on SQLite, and on PostgreSQL in the postgres project.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/database';
import { startFakeWeChat, type FakeWeChat } from '../../../server/src/dev/fake-wechat';
import { claimedJobs } from '../../../server/src/jobs/jobs.repository';
import { isoNow } from '../../../server/src/lib/time';
import { MEDIA_CHECK_SWEEP_JOB } from '../../../server/src/modules/media/media-check-sweep.job';
import { serverProcess, type ServerProcess } from '../../support/server/server-process';
import { testDialect } from '../../support/server/test-database';

jest.setTimeout(120_000);

const ROUNDS = 3;
const LOAD_MS = 1500;
const WRITERS = 4;
const LEASE_MS = 3000;
const STUCK_AFTER_SECONDS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let dir: string;
let fake: FakeWeChat;
let server: ServerProcess;
let db: DatabaseHandle;
let dropDatabase: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crash-test-'));
  fake = await startFakeWeChat({ appId: 'wxcrashtest', appSecret: 'crash-test-app-secret', answerDelayMs: 20 });
  let databaseEnv: Record<string, string>;
  if (testDialect() === 'postgres') {
    const url = process.env.TEST_DATABASE_URL!;
    const schema = `crash_${randomBytes(6).toString('hex')}`;
    await adminQuery(url, `CREATE SCHEMA ${schema}`);
    dropDatabase = () => adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
    // The child confines its connections to the schema through libpq's options parameter.
    databaseEnv = { DATABASE_URL: `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}` };
    db = openDatabase({ kind: 'postgres', url, schema });
  } else {
    const file = path.join(dir, 'crash.sqlite');
    databaseEnv = { SQLITE_PATH: file };
    db = openDatabase({ kind: 'sqlite', path: file });
  }
  const port = await freePort();
  server = serverProcess({
    port,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      ...databaseEnv,
      WECHAT_API_BASE_URL: fake.url,
      WECHAT_APPID: 'wxcrashtest',
      WECHAT_SECRET: 'crash-test-app-secret',
      WECHAT_TIMEOUT_MS: '2000',
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      MEDIA_DIR: path.join(dir, 'media'),
      RATE_LIMIT_POSTS_PER_MINUTE: '100000',
      RATE_LIMIT_UPLOADS_PER_MINUTE: '100000',
      RATE_LIMIT_LOGINS_PER_MINUTE: '100000',
      RATE_LIMIT_PROFILE_UPDATES_PER_MINUTE: '100000',
      CONTENT_RECHECK_POLL_MS: '200',
      CONTENT_RECHECK_BACKOFF_BASE_MS: '200',
      CONTENT_RECHECK_BACKOFF_MAX_MS: '1000',
      JOB_LEASE_MS: String(LEASE_MS),
      JOB_INSTANCE_ID: 'crash-api-1',
      MEDIA_CHECK_STUCK_AFTER_SECONDS: String(STUCK_AFTER_SECONDS),
      MEDIA_CHECK_SWEEP_INTERVAL_MS: '500',
      MEDIA_CHECK_MAX_RESUBMITS: '1',
    },
  });
  fake.configurePush({ url: `${server.url}/wechat/push` });
});

afterAll(async () => {
  await server?.stop();
  await db?.db.destroy();
  await dropDatabase();
  await fake?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Writer {
  token: string;
  acknowledged: { id: number; title: string }[];
  failures: number;
}

async function call(
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(`${server.url}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, json: ((await response.json().catch(() => null)) ?? {}) as Record<string, unknown> };
}

async function member(n: number): Promise<Writer> {
  const login = await call('POST', '/auth/wechat', null, { code: fake.issueLoginCode(`o_crash_writer_${n}`) });
  expect(login.status).toBe(200);
  const token = login.json.accessToken as string;
  expect((await call('PUT', '/me', token, { nickname: `压力测试作者${n}` })).status).toBe(200);
  return { token, acknowledged: [], failures: 0 };
}

/** One writer's loop: posts until told to stop; every third with an image uploaded first. Errors (the server is down) are counted and retried. */
async function write(writer: Writer, n: number, boardId: number, images: Buffer[], running: () => boolean): Promise<void> {
  for (let i = 0; running(); i += 1) {
    try {
      const mediaIds: string[] = [];
      if (i % 3 === 0) {
        const form = new FormData();
        form.append('purpose', 'post_image');
        form.append('file', new Blob([new Uint8Array(images[i % images.length]!)], { type: 'image/png' }), 'photo.png');
        const uploaded = await fetch(`${server.url}/media`, {
          method: 'POST',
          body: form,
          headers: { authorization: `Bearer ${writer.token}` },
          signal: AbortSignal.timeout(5000),
        });
        if (uploaded.status !== 201) throw new Error(`upload ${uploaded.status}`);
        mediaIds.push(((await uploaded.json()) as { id: string }).id);
      }
      const title = `断电测试 ${n}-${i}`;
      const created = await call('POST', '/posts', writer.token, {
        boardId,
        title,
        body: `第 ${i} 次写入，看看重启后还在不在。`,
        mediaIds,
      });
      if (created.status >= 200 && created.status < 300) writer.acknowledged.push({ id: created.json.id as number, title });
      else throw new Error(`post ${created.status}`);
    } catch {
      writer.failures += 1;
      await sleep(50);
    }
  }
}

const count = async (table: 'media' | 'posts', status: string) =>
  Number(
    (
      await db.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('status', '=', status as never)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) return Number.POSITIVE_INFINITY;
    await sleep(25);
  }
  return Date.now() - started;
}

it('loses no acknowledged post across three SIGKILLs, frees the dead jobs, and leaves nothing pending', async () => {
  await server.start();
  const boards = (await call('GET', '/boards', null)).json.items as { id: number; staffOnly: boolean }[];
  const boardId = boards.find((b) => !b.staffOnly)!.id;
  const images = await Promise.all(
    [40, 48, 56].map((width) =>
      sharp({ create: { width, height: 30, channels: 3, background: '#5a8' } })
        .png()
        .toBuffer(),
    ),
  );
  const writers = await Promise.all(Array.from({ length: WRITERS }, (_, n) => member(n)));
  let running = true;
  const load = Promise.all(writers.map((writer, n) => write(writer, n, boardId, images, () => running)));

  const acknowledgedSoFar = () => writers.reduce((sum, w) => sum + w.acknowledged.length, 0);
  const rounds: {
    acknowledgedBefore: number;
    deadClaims: number;
    leaseLeftAtKillMs: number;
    restartMs: number;
    freedAfterReadyMs: number;
    instanceId: boolean;
  }[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    // Load runs until this round has had a few posts acknowledged (a busy machine is slow), at least LOAD_MS.
    const before = acknowledgedSoFar();
    await sleep(LOAD_MS);
    await until(async () => acknowledgedSoFar() >= before + 3, 20_000);
    // Kill while jobs are in flight: image submissions hang at WeChat until some are claimed.
    fake.setFailure('media_check_async', 'timeout');
    await until(async () => (await claimedJobs(db.db, isoNow())).length > 0, 3000);
    await server.kill();
    const killedAt = Date.now();
    const acknowledgedBefore = acknowledgedSoFar() - before;
    fake.setFailure('media_check_async', null);
    // Every claim standing now belongs to the dead process.
    const claims = await claimedJobs(db.db, isoNow());
    const dead = new Set(claims.map((job) => job.locked_by));
    const leaseLeftAtKillMs = Math.max(0, ...claims.map((job) => Date.parse(job.locked_until!) - killedAt));
    // The last restart comes back without its instance id: then only the lease bounds the wait.
    const instanceId = round < ROUNDS;
    await server.start(instanceId ? undefined : { JOB_INSTANCE_ID: '' });
    const restartMs = Date.now() - killedAt;
    const freedAfterReadyMs = await until(
      async () => !(await claimedJobs(db.db, isoNow())).some((job) => dead.has(job.locked_by)),
      LEASE_MS + 5000,
    );
    rounds.push({
      acknowledgedBefore,
      deadClaims: claims.length,
      leaseLeftAtKillMs,
      restartMs,
      freedAfterReadyMs,
      instanceId,
    });
  }
  await sleep(1000);
  running = false;
  await load;

  // The sweep re-submits what the dead process never heard back about, then holds what still waits.
  const settleMs = await until(async () => (await count('media', 'pending')) === 0 && (await count('posts', 'checking')) === 0, 20_000);

  const acknowledged = writers.flatMap((w) => w.acknowledged);
  const stored = await db.db
    .selectFrom('posts')
    .select(['id', 'title'])
    .where(
      'id',
      'in',
      acknowledged.map((p) => p.id),
    )
    .execute();
  const figures = {
    database: testDialect(),
    acknowledged: acknowledged.length,
    present: stored.length,
    failedWrites: writers.reduce((sum, w) => sum + w.failures, 0),
    rounds,
    settleMs,
    pendingImagesLeft: await count('media', 'pending'),
    checkingPostsLeft: await count('posts', 'checking'),
    imagesApproved: await count('media', 'approved'),
    imagesHeld: await count('media', 'held'),
    // The sweep's own log lines in the children's output (warn level).
    sweepResubmits: server.output.filter((line) => line.includes('submitting it again')).length,
    sweepHolds: server.output.filter((line) => line.includes('held for moderators')).length,
  };
  console.log(`crash test figures: ${JSON.stringify(figures)}`);

  expect(rounds.every((round) => round.acknowledgedBefore >= 3)).toBe(true);
  expect(new Map(stored.map((p) => [p.id, p.title]))).toEqual(new Map(acknowledged.map((p) => [p.id, p.title])));
  expect(rounds.every((round) => round.deadClaims > 0)).toBe(true);
  for (const round of rounds) {
    // Nothing stays claimed for more than one lease after its process died (the heartbeat kept it short)…
    expect(round.leaseLeftAtKillMs).toBeLessThanOrEqual(LEASE_MS + 100);
    // …and a restart that knows its instance id frees its old claims before its first poll.
    if (round.instanceId) expect(round.freedAfterReadyMs).toBeLessThanOrEqual(1000);
    else expect(round.freedAfterReadyMs).toBeLessThanOrEqual(Math.max(0, round.leaseLeftAtKillMs - round.restartMs) + 1000);
  }
  expect(figures.pendingImagesLeft).toBe(0);
  expect(figures.checkingPostsLeft).toBe(0);
  // The recurring sweep exists once, however often the server restarted.
  expect(await db.db.selectFrom('jobs').select('id').where('kind', '=', MEDIA_CHECK_SWEEP_JOB).execute()).toHaveLength(1);
});
