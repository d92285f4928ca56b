/**
 * The server half of `npm run bench`: the real app against bare Fastify serving the same bytes,
 * both started in this run and measured in interleaved repetitions (so drift and other load on
 * the machine hit both alike); reader latency while posting load runs; and the moderation
 * queues' first page at a small and a large backlog. Everything targets 127.0.0.1 only, and each
 * run is bounded in time.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { addModerationBacklog, buildForum, FULL_FORUM, QUICK_FORUM, type BenchDatabase, type ForumFacts } from './bench-data';
import { request, runLoad, sampleSequential, type LoadResult } from './load';
import { startChild, type Child } from './processes';

export interface BenchSettings {
  reps: number;
  readSeconds: number;
  warmupSeconds: number;
  connections: number;
  postingSeconds: number;
  /** Reader load during the posting test: a steady rate, as real readers are, not flat out. */
  readerRate: number;
  readerConnections: number;
  postingRate: number;
  postingConnections: number;
  queueSizes: [small: number, large: number];
  queueSamples: number;
}

export const FULL_SETTINGS: BenchSettings = {
  reps: 3,
  readSeconds: 5,
  warmupSeconds: 2,
  connections: 50,
  postingSeconds: 10,
  readerRate: 300,
  readerConnections: 20,
  postingRate: 25,
  postingConnections: 5,
  queueSizes: [1_000, 100_000],
  queueSamples: 200,
};
export const QUICK_SETTINGS: BenchSettings = {
  reps: 1,
  readSeconds: 1,
  warmupSeconds: 0.5,
  connections: 50,
  postingSeconds: 2,
  readerRate: 300,
  readerConnections: 20,
  postingRate: 25,
  postingConnections: 5,
  queueSizes: [100, 2_000],
  queueSamples: 30,
};

export interface ReadScenario {
  name: string;
  /** Ratio of the app's req/s to bare Fastify's, per repetition. */
  ratios: number[];
  app: LoadResult[];
  bare: LoadResult[];
  responseBytes: number;
}

export interface QueueFigure {
  name: string;
  small: { queued: number; p50: number };
  large: { queued: number; p50: number };
}

export interface ServerBenchResult {
  database: 'sqlite' | 'postgres';
  forum: { posts: number; comments: string };
  settings: BenchSettings;
  reads: ReadScenario[];
  posting: { readersAlone: LoadResult; readersWhilePosting: LoadResult; posting: LoadResult };
  queues: QueueFigure[];
}

type Log = (line: string) => void;

/** A fresh place for a bench database: a SQLite file in `dir`, or a new schema at BENCH_DATABASE_URL. */
async function newTarget(dir: string, name: string): Promise<{ target: BenchDatabase; drop(): Promise<void> }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) return { target: { kind: 'sqlite', path: path.join(dir, `${name}.sqlite`) }, drop: async () => undefined };
  const schema = `bench_${name.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  return { target: { kind: 'postgres', url, schema }, drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

interface Session {
  accessToken: string;
}

async function login(fakeUrl: string, apiUrl: string, openid: string): Promise<Session> {
  const code = JSON.parse((await request(`${fakeUrl}/__fake/login`, { method: 'POST', body: JSON.stringify({ openid }) })).body) as {
    code: string;
  };
  const response = await request(`${apiUrl}/auth/wechat`, { method: 'POST', body: JSON.stringify({ code: code.code }) });
  if (response.status !== 200) throw new Error(`bench login as ${openid}: ${response.status} ${response.body}`);
  return JSON.parse(response.body) as Session;
}

function startApp(target: BenchDatabase, fakeUrl: string, nodeArgs: string[] = []): Promise<Child> {
  return startChild('app-process.ts', { env: { BENCH_TARGET: JSON.stringify(target), BENCH_FAKE_WECHAT_URL: fakeUrl }, nodeArgs });
}

const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;

/** The response whose size is the median of `paths`' responses: what the baseline serves for that route. */
async function medianBody(apiUrl: string, paths: string[]): Promise<string> {
  const bodies: string[] = [];
  for (const p of paths) {
    const response = await request(`${apiUrl}${p}`);
    if (response.status !== 200) throw new Error(`GET ${p}: ${response.status} ${response.body.slice(0, 200)}`);
    bodies.push(response.body);
  }
  bodies.sort((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b));
  return bodies[Math.floor(bodies.length / 2)]!;
}

async function readScenarios(app: Child, facts: ForumFacts, settings: BenchSettings, log: Log): Promise<ReadScenario[]> {
  const detailIds = facts.publishedPostIds.filter((_, i) => i % 7 === 0);
  const threadIds = facts.busyPostIds;
  const scenarios = [
    { name: 'GET /posts', route: '/posts', path: () => '/posts', sample: ['/posts'] },
    {
      name: 'GET /posts/:id',
      route: '/posts/:id',
      path: () => `/posts/${pick(detailIds)}`,
      sample: detailIds.slice(0, 41).map((id) => `/posts/${id}`),
    },
    {
      name: 'GET /posts/:id/comments',
      route: '/posts/:id/comments',
      path: () => `/posts/${pick(threadIds)}/comments`,
      sample: threadIds.slice(0, 21).map((id) => `/posts/${id}/comments`),
    },
  ];
  const bodies: Record<string, string> = {};
  for (const s of scenarios) bodies[s.route] = await medianBody(app.url, s.sample);
  const bare = await startChild('baseline-process.ts', { message: { bodies } });
  try {
    const results = scenarios.map((s) => ({
      name: s.name,
      ratios: [] as number[],
      app: [] as LoadResult[],
      bare: [] as LoadResult[],
      responseBytes: Buffer.byteLength(bodies[s.route]!),
    }));
    const load = (url: string, s: (typeof scenarios)[number], seconds: number) =>
      runLoad({ url, connections: settings.connections, durationSeconds: seconds, path: s.path });
    for (const s of scenarios) {
      await load(bare.url, s, settings.warmupSeconds);
      await load(app.url, s, settings.warmupSeconds);
    }
    for (let rep = 0; rep < settings.reps; rep += 1) {
      for (const [i, s] of scenarios.entries()) {
        const order = rep % 2 === 0 ? (['bare', 'app'] as const) : (['app', 'bare'] as const);
        const measured: Partial<Record<'bare' | 'app', LoadResult>> = {};
        for (const which of order) measured[which] = await load(which === 'app' ? app.url : bare.url, s, settings.readSeconds);
        const r = results[i]!;
        r.app.push(measured.app!);
        r.bare.push(measured.bare!);
        r.ratios.push(measured.app!.rps / measured.bare!.rps);
        log(
          `  rep ${rep + 1} ${s.name.padEnd(24)} app ${measured.app!.rps.toFixed(0).padStart(6)} req/s p99 ${measured.app!.p99} ms | bare ${measured.bare!.rps.toFixed(0).padStart(6)} req/s p99 ${measured.bare!.p99} ms | ${((measured.app!.rps / measured.bare!.rps) * 100).toFixed(1)} %`,
        );
      }
    }
    return results;
  } finally {
    await bare.stop();
  }
}

async function postingScenario(
  app: Child,
  fakeUrl: string,
  facts: ForumFacts,
  settings: BenchSettings,
  log: Log,
): Promise<ServerBenchResult['posting']> {
  const members: Session[] = [];
  for (let i = 0; i < 20; i += 1) members.push(await login(fakeUrl, app.url, `o_bench_${facts.firstUserId + i}`));
  const readers = () =>
    runLoad({
      url: app.url,
      connections: settings.readerConnections,
      overallRate: settings.readerRate,
      durationSeconds: settings.postingSeconds,
      path: () => '/posts',
    });
  const readersAlone = await readers();
  let n = 0;
  const [readersWhilePosting, posting] = await Promise.all([
    readers(),
    runLoad({
      url: app.url,
      connections: settings.postingConnections,
      overallRate: settings.postingRate,
      durationSeconds: settings.postingSeconds,
      method: 'POST',
      path: () => '/posts',
      headers: () => ({ authorization: `Bearer ${members[n % members.length]!.accessToken}`, 'content-type': 'application/json' }),
      body: () => {
        n += 1;
        return JSON.stringify({
          boardId: facts.boardIds[n % facts.boardIds.length],
          title: `压测发帖第${n}篇：周末的读书会`,
          body: `今天和大家分享第${n}次读书会的记录。`.repeat(12),
        });
      },
    }),
  ]);
  log(`  readers alone        ${readersAlone.rps.toFixed(0)} req/s p50 ${readersAlone.p50} ms p99 ${readersAlone.p99} ms`);
  log(
    `  readers with posting ${readersWhilePosting.rps.toFixed(0)} req/s p50 ${readersWhilePosting.p50} ms p99 ${readersWhilePosting.p99} ms; posting ${posting.rps.toFixed(1)} posts/s p99 ${posting.p99} ms (${posting.non2xx} non-2xx, ${posting.errors} errors)`,
  );
  return { readersAlone, readersWhilePosting, posting };
}

const QUEUES = ['posts', 'comments', 'media', 'reports', 'nicknames'] as const;

async function queueScenario(dir: string, fakeUrl: string, settings: BenchSettings, log: Log): Promise<QueueFigure[]> {
  const figures = QUEUES.map((name) => ({ name: `/moderation/${name}` })) as QueueFigure[];
  for (const [k, queued] of settings.queueSizes.entries()) {
    const { target, drop } = await newTarget(dir, `queue_${queued}`);
    try {
      const started = Date.now();
      const facts = await buildForum(target, QUICK_FORUM);
      await addModerationBacklog(target, queued, facts);
      log(`  ${queued} queued in each queue (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      const app = await startApp(target, fakeUrl);
      try {
        const moderator = await login(fakeUrl, app.url, `o_bench_${facts.moderatorId}`);
        for (const [i, name] of QUEUES.entries()) {
          const sample = await sampleSequential(
            `${app.url}/moderation/${name}`,
            { authorization: `Bearer ${moderator.accessToken}` },
            settings.queueSamples,
            20,
          );
          figures[i]![k === 0 ? 'small' : 'large'] = { queued, p50: sample.p50 };
          log(`    /moderation/${name.padEnd(10)} p50 ${sample.p50.toFixed(2)} ms p99 ${sample.p99.toFixed(2)} ms`);
        }
      } finally {
        await app.stop();
      }
    } finally {
      await drop();
    }
  }
  return figures;
}

export async function runServerBench(options: { quick: boolean; log?: Log }): Promise<ServerBenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = options.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  const size = options.quick ? QUICK_FORUM : FULL_FORUM;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'server-bench-'));
  const fake = await startChild('fake-wechat-process.ts');
  try {
    const { target, drop } = await newTarget(dir, 'forum');
    try {
      const started = Date.now();
      const facts = await buildForum(target, size);
      log(
        `Server bench on ${target.kind}: ${size.posts} posts, ~${size.commentsPerPost} comments each (built in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      );
      const app = await startApp(target, fake.url);
      let reads: ReadScenario[];
      let posting: ServerBenchResult['posting'];
      try {
        log(`Reads: app vs bare Fastify, ${settings.connections} connections, ${settings.reps} × ${settings.readSeconds} s interleaved`);
        reads = await readScenarios(app, facts, settings, log);
        log(`Readers (${settings.readerRate} req/s of GET /posts) while posting ${settings.postingRate} posts/s`);
        posting = await postingScenario(app, fake.url, facts, settings, log);
      } finally {
        await app.stop();
      }
      log(`Moderation queues: first page, ${settings.queueSamples} sequential requests each`);
      const queues = await queueScenario(dir, fake.url, settings, log);
      return {
        database: target.kind,
        forum: { posts: size.posts, comments: `~${size.commentsPerPost}/post` },
        settings,
        reads,
        posting,
        queues,
      };
    } finally {
      await drop();
    }
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runServerBench({ quick: process.argv.includes('--quick') || process.env.BENCH_QUICK === '1' }).then(
    (result) => {
      if (process.env.BENCH_OUT) fs.writeFileSync(process.env.BENCH_OUT, JSON.stringify(result, null, 2));
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
