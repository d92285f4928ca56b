/**
 * `npm run bench -- --only=job-drain`: how long a backlog takes to drain once WeChat answers
 * again. 200 posts were stored `checking` during an outage (each with its text-recheck job);
 * WeChat is back and answers every call in ~20 ms. The real app and its job runner, with the
 * production defaults of the job settings, run until the queue is empty and every post is
 * published. BENCH_DRAIN_JOBS changes the backlog, BENCH_DRAIN_LATENCY_MS WeChat's answer time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import { startFakeWeChat } from '../../server/src/dev/fake-wechat';
import { countJobs, enqueueJob } from '../../server/src/jobs/jobs.repository';
import { createWeChatClient } from '../../server/src/wechat/wechat-client';
import { TEXT_RECHECK_JOB } from '../../server/src/modules/content-check/text-recheck.job';
import type { Goal } from './goals';

export interface JobDrainResult {
  jobs: number;
  latencyMs: number;
  drainMs: number;
  published: number;
  wechatCalls: number;
}

const OPENID = 'o_bench_drain_author';

export async function runJobDrainBench(options: { jobs?: number; latencyMs?: number } = {}): Promise<JobDrainResult> {
  const jobs = options.jobs ?? Number(process.env.BENCH_DRAIN_JOBS ?? 200);
  const latencyMs = options.latencyMs ?? Number(process.env.BENCH_DRAIN_LATENCY_MS ?? 20);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-drain-'));
  const fake = await startFakeWeChat({ answerDelayMs: latencyMs });
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    PORT: '0',
    WECHAT_API_BASE_URL: fake.url,
    SQLITE_PATH: path.join(dir, 'drain.sqlite'),
    MEDIA_DIR: path.join(dir, 'media'),
  });
  const database = openDatabase(config.database);
  try {
    await migrateToLatest(database);
    const db = database.db;
    const now = new Date().toISOString();
    const user = await db
      .insertInto('users')
      .values({ openid: OPENID, role: 'member', nickname: '压测用户', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const board = await db
      .insertInto('boards')
      .values({ slug: 'drain', name: '压测', description: '', sort_order: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    // What an outage leaves behind: posts kept `checking`, each with its recheck job, all due now.
    for (let i = 0; i < jobs; i += 1) {
      const post = await db
        .insertInto('posts')
        .values({
          board_id: board.id,
          author_id: user.id,
          title: `停电期间发的第 ${i + 1} 篇`,
          body: '微信内容安全接口暂时不可用时发的帖子，恢复后自动复查。',
          status: 'checking',
          reject_reason: null,
          pinned: 0,
          text_verdict: 'pending',
          seed_key: null,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueJob(db, { kind: TEXT_RECHECK_JOB, payload: { target: 'post', id: post.id, openid: OPENID } });
    }

    const wechat = createWeChatClient({
      baseUrl: fake.url,
      appId: config.wechat.appId,
      appSecret: config.wechat.appSecret,
      timeoutMs: config.wechat.timeoutMs,
    });
    const app = await buildApp({ config, database, wechat });
    const started = performance.now();
    app.jobs.start();
    while ((await countJobs(db, TEXT_RECHECK_JOB)) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const drainMs = performance.now() - started;
    await app.jobs.stop();
    const published = await db
      .selectFrom('posts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('status', '=', 'published')
      .executeTakeFirstOrThrow();
    const result = { jobs, latencyMs, drainMs, published: Number(published.n), wechatCalls: fake.calls.msg_sec_check.length };
    await app.close();
    return result;
  } finally {
    await database.db.destroy().catch(() => undefined);
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function jobDrainGoals(result: JobDrainResult): Goal[] {
  const seconds = (result.drainMs / 1000).toFixed(2);
  console.log(`Job drain after an outage: ${result.jobs} text rechecks, WeChat answering in ${result.latencyMs} ms`);
  console.log(`  drained in   ${seconds} s (${((result.jobs / result.drainMs) * 1000).toFixed(0)} jobs/s)`);
  console.log(`  published    ${result.published} of ${result.jobs}; msgSecCheck calls ${result.wechatCalls}`);
  // At WeChat's pace with bounded concurrency: 200 × 20 ms one at a time would already be 4 s.
  const limitMs = Math.max(2_000, ((result.jobs * result.latencyMs) / 4) * 1.5);
  return [
    {
      goal: `${result.jobs} queued jobs drain within ${(limitMs / 1000).toFixed(1)} s (WeChat ${result.latencyMs} ms)`,
      measured: `${seconds} s`,
      ok: result.drainMs <= limitMs,
      timing: true,
    },
    {
      goal: 'every drained post published, once',
      measured: `${result.published} published, ${result.wechatCalls} checks`,
      ok: result.published === result.jobs && result.wechatCalls === result.jobs,
      timing: false,
    },
  ];
}
