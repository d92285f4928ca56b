/**
 * Two server instances share one database and drain a backlog of jobs together: every job runs
 * exactly once. Each instance has its own connection pool and job runner, as separate processes
 * would; on PostgreSQL the claim relies on FOR UPDATE SKIP LOCKED.
 */
import pino from 'pino';
import { createJobRunner, type JobRunner } from '../../../server/src/jobs/job-runner';
import { countJobs, enqueueJob } from '../../../server/src/jobs/jobs.repository';
import { openTestDatabase, type TestDatabase } from '../../support/server/test-database';

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase({ shared: true });
});
afterAll(() => database.drop());

const BACKLOG = 120;

it('drains a backlog across two instances with no job run twice', async () => {
  for (let i = 0; i < BACKLOG; i += 1) await enqueueJob(database.handle.db, { kind: 'check', payload: { n: i } });
  const runs: { instance: string; n: number }[] = [];
  const instance = (name: string, handle = database.openAnotherHandle()): JobRunner =>
    createJobRunner({
      handle,
      logger: pino({ level: 'silent' }),
      pollIntervalMs: 1000,
      backoffBaseMs: 1000,
      backoffMaxMs: 1000,
      batchSize: 7,
      handlers: {
        check: async (payload) => {
          runs.push({ instance: name, n: (payload as { n: number }).n });
          // Yield so the two instances' claims interleave.
          await new Promise((resolve) => setTimeout(resolve, 1));
        },
      },
    });
  const a = instance('a');
  const b = instance('b');
  const drain = async (runner: JobRunner) => {
    while ((await runner.runDue()) > 0);
  };
  await Promise.all([drain(a), drain(b)]);

  expect(await countJobs(database.handle.db)).toBe(0);
  expect(runs).toHaveLength(BACKLOG);
  expect(new Set(runs.map((r) => r.n)).size).toBe(BACKLOG);
  expect(runs.some((r) => r.instance === 'a')).toBe(true);
  expect(runs.some((r) => r.instance === 'b')).toBe(true);
});
