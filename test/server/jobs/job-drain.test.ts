/**
 * How the runner drains a backlog and gets back the jobs of a dead process (issue 12, item 10):
 * it keeps claiming while batches come back full, runs jobs with bounded concurrency, renews the
 * leases of jobs it still runs, stops a round that only deferred, and a restarted instance frees
 * the leases of its previous life at once. Recurring jobs exist once and come back after a run.
 */
import pino from 'pino';
import { createJobRunner, RetryLater, type JobHandler, type JobRunnerOptions } from '../../../server/src/jobs/job-runner';
import { claimedJobs, claimDueJobs, countJobs, enqueueJob } from '../../../server/src/jobs/jobs.repository';
import { isoAfter, isoNow } from '../../../server/src/lib/time';
import { openTestDatabase, type TestDatabase } from '../../support/server/test-database';

let database: TestDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(() => database.drop());

const runner = (handlers: Record<string, JobHandler>, options: Partial<JobRunnerOptions> = {}) =>
  createJobRunner({
    handle: database.handle,
    logger: pino({ level: 'silent' }),
    pollIntervalMs: 60_000,
    backoffBaseMs: 1000,
    backoffMaxMs: 8000,
    handlers,
    ...options,
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('drains a backlog larger than a batch in one call, at most `concurrency` at a time', async () => {
  for (let i = 0; i < 45; i += 1) await enqueueJob(database.handle.db, { kind: 'call', payload: { i } });
  let inFlight = 0;
  let peak = 0;
  const seen = new Set<number>();
  const jobs = runner(
    {
      call: async (payload) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await sleep(5);
        seen.add((payload as { i: number }).i);
        inFlight -= 1;
      },
    },
    { batchSize: 10, concurrency: 4 },
  );
  expect(await jobs.runDue()).toBe(45);
  expect(seen.size).toBe(45);
  expect(peak).toBe(4);
  expect(await countJobs(database.handle.db)).toBe(0);
});

it('stops after a full round in which every job was deferred (WeChat down), instead of spinning', async () => {
  for (let i = 0; i < 6; i += 1) await enqueueJob(database.handle.db, { kind: 'down', payload: {} });
  let calls = 0;
  const jobs = runner(
    {
      down: async () => {
        calls += 1;
        throw new RetryLater('busy');
      },
    },
    { batchSize: 3, backoffBaseMs: 0, backoffMaxMs: 0 },
  );
  expect(await jobs.runDue()).toBe(3);
  expect(calls).toBe(3);
  expect(await countJobs(database.handle.db)).toBe(6);
});

it('renews the lease of a job while it runs, so a long job is not taken by another runner', async () => {
  await enqueueJob(database.handle.db, { kind: 'slow', payload: {} });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const first = runner({ slow: () => gate }, { leaseMs: 1000 });
  const running = first.runDue();
  await sleep(1500); // past the first lease: only the heartbeat keeps the job claimed
  const [claim] = await claimedJobs(database.handle.db, isoNow());
  expect(claim?.locked_by).toBe(first.owner);
  expect(await runner({ slow: async () => undefined }, { leaseMs: 1000 }).runDue()).toBe(0);
  release();
  expect(await running).toBe(1);
  expect(await countJobs(database.handle.db)).toBe(0);
});

it("a restarted instance frees its previous life's leases at once; other instances' leases stay", async () => {
  const db = database.handle.db;
  await enqueueJob(db, { kind: 'work', payload: { n: 1 } });
  await enqueueJob(db, { kind: 'work', payload: { n: 2 } });
  // The killed process (instance "api-1") and a live other instance ("api-10": a prefix must not match) hold one each.
  const leaseUntil = isoAfter(15_000);
  expect(await claimDueJobs(db, database.handle.dialect, { now: isoNow(), leaseUntil, owner: 'api-1/dead-life', limit: 1 })).toHaveLength(
    1,
  );
  expect(await claimDueJobs(db, database.handle.dialect, { now: isoNow(), leaseUntil, owner: 'api-10/alive', limit: 1 })).toHaveLength(1);

  const ran: number[] = [];
  const restarted = runner({ work: async (payload) => void ran.push((payload as { n: number }).n) }, { instanceId: 'api-1' });
  expect(restarted.owner).toMatch(/^api-1\//);
  expect(await restarted.runDue()).toBe(0); // both leases still hold
  expect(await restarted.reclaimOwnDeadLeases()).toBe(1);
  expect(await restarted.runDue()).toBe(1);
  expect(ran).toEqual([1]);
  expect((await claimedJobs(db, isoNow())).map((j) => j.locked_by)).toEqual(['api-10/alive']);
});

it('without an instance id a restart frees nothing early; the short lease bounds the wait', async () => {
  const db = database.handle.db;
  await enqueueJob(db, { kind: 'work', payload: {} });
  await claimDueJobs(db, database.handle.dialect, { now: isoNow(), leaseUntil: isoAfter(15_000), owner: 'some-dead-uuid', limit: 1 });
  const restarted = runner({ work: async () => undefined });
  expect(await restarted.reclaimOwnDeadLeases()).toBe(0);
  expect(await restarted.runDue()).toBe(0);
  expect(await restarted.runDue(new Date(Date.now() + 15_001))).toBe(1);
});

it('a recurring job is queued once however often it is ensured, and runs again when its handler says', async () => {
  const db = database.handle.db;
  let runs = 0;
  const make = () =>
    runner(
      {
        sweep: async () => {
          runs += 1;
          return { runAgainAt: new Date(Date.now() + 60_000) };
        },
      },
      { recurring: ['sweep'] },
    );
  const a = make();
  await Promise.all([a.ensureRecurringJobs(), make().ensureRecurringJobs(), a.ensureRecurringJobs()]);
  expect(await countJobs(db, 'sweep')).toBe(1);
  expect(await a.runDue()).toBe(1);
  expect(await a.runDue()).toBe(0);
  expect(runs).toBe(1);
  expect(await countJobs(db, 'sweep')).toBe(1);
  expect(await a.runDue(new Date(Date.now() + 60_001))).toBe(1);
  expect(runs).toBe(2);
});
