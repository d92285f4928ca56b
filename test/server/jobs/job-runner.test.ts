import pino from 'pino';
import { backoffDelay, createJobRunner, RetryLater } from '../../../server/src/jobs/job-runner';
import { countJobs, enqueueJob } from '../../../server/src/jobs/jobs.repository';
import { openTestDatabase, type TestDatabase } from '../../support/server/test-database';

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.drop());

const logger = pino({ level: 'silent' });
const settings = { pollIntervalMs: 1000, backoffBaseMs: 1000, backoffMaxMs: 8000 };

it('backs off exponentially up to the maximum', () => {
  expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1000, 8000))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
});

it('runs a due job once and deletes it', async () => {
  const seen: unknown[] = [];
  const runner = createJobRunner({
    handle: database.handle,
    logger,
    ...settings,
    handlers: { note: async (payload) => void seen.push(payload) },
  });
  await enqueueJob(database.handle.db, { kind: 'note', payload: { n: 1 } });
  expect(await runner.runDue()).toBe(1);
  expect(await runner.runDue()).toBe(0);
  expect(seen).toEqual([{ n: 1 }]);
  expect(await countJobs(database.handle.db)).toBe(0);
});

it('keeps a failing job and retries it after the backoff, never dropping it', async () => {
  let attempts = 0;
  const runner = createJobRunner({
    handle: database.handle,
    logger,
    ...settings,
    handlers: {
      flaky: async () => {
        attempts += 1;
        if (attempts < 3) throw new RetryLater('not yet');
      },
    },
  });
  await enqueueJob(database.handle.db, { kind: 'flaky', payload: {} });
  const t0 = Date.now();
  expect(await runner.runDue(new Date(t0))).toBe(1);
  expect(await runner.runDue(new Date(t0 + 500))).toBe(0);
  expect(await runner.runDue(new Date(t0 + 1000))).toBe(1);
  expect(await runner.runDue(new Date(t0 + 1000 + 1999))).toBe(0);
  expect(await runner.runDue(new Date(t0 + 1000 + 2000))).toBe(1);
  expect(attempts).toBe(3);
  expect(await countJobs(database.handle.db)).toBe(0);
});

it('does not hand a claimed job to a second runner while its lease holds', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const runs: string[] = [];
  const make = (name: string) =>
    createJobRunner({
      handle: database.handle,
      logger,
      ...settings,
      handlers: {
        slow: async () => {
          runs.push(name);
          await gate;
        },
      },
    });
  await enqueueJob(database.handle.db, { kind: 'slow', payload: {} });
  const first = make('first').runDue();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await make('second').runDue()).toBe(0);
  release();
  await first;
  expect(runs).toEqual(['first']);
});
