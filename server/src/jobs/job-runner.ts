/**
 * Runs due jobs from the durable queue. Handlers either finish (the job is deleted), ask to run
 * again later (a recurring job, e.g. the media-check sweep), or ask to be retried; a retry waits
 * with exponential backoff and never gives up, because a job here stands for user content that
 * must be neither lost nor published unchecked.
 *
 * Draining: a poll keeps claiming while batches come back full, and runs each batch with bounded
 * concurrency, so a backlog after an outage drains at the pace WeChat answers, not 20 per poll.
 *
 * Dead processes: a claim is a short lease (15 s by default) that the runner renews while the
 * job runs (a heartbeat every third of the lease), so the jobs of a process killed mid-run are
 * free again within one lease, whichever instance picks them up. With a stable instance id
 * (JOB_INSTANCE_ID, unique per running instance), a restarted instance releases its previous
 * life's leases at once on start. The heartbeat rather than a longer lease, because a lease must
 * outlast the slowest job (a WeChat call that times out) yet a crash should cost seconds.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../db/database';
import type { JobRow } from '../db/schema';
import { isoAfter, isoNow } from '../lib/time';
import { claimDueJobs, completeJob, ensureJob, extendLeases, releaseLeasesOfInstance, repeatJob, rescheduleJob } from './jobs.repository';

export class RetryLater extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryLater';
  }
}

/** What a recurring job's handler returns: run it again at `at` (attempts reset), rather than delete it. */
export interface RunAgain {
  runAgainAt: Date;
}

export type JobHandler = (payload: unknown, job: JobRow) => Promise<void | RunAgain>;

export interface JobRunnerOptions {
  handle: DatabaseHandle;
  handlers: Record<string, JobHandler>;
  logger: FastifyBaseLogger;
  pollIntervalMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claim holds without a heartbeat before another runner may take the job (default 15 s). */
  leaseMs?: number;
  /** Jobs claimed per round (default 32); rounds repeat while they come back full. */
  batchSize?: number;
  /** Jobs run at once (default 8): WeChat calls overlap, the database and WeChat's quota are not flooded. */
  concurrency?: number;
  /** Stable name of this instance across restarts (unique among running instances); see the header. */
  instanceId?: string;
  /** Jobs that always exist once (their handlers return RunAgain); queued by ensureRecurringJobs(). */
  recurring?: string[];
}

export interface JobRunner {
  /** This life of the runner, as written in `jobs.locked_by`. */
  readonly owner: string;
  /** Claims and runs the jobs due at `now`, round after round while rounds come back full; returns how many it ran. */
  runDue(now?: Date): Promise<number>;
  /** Releases the leases a previous life of this instance left behind (no-op without an instance id). */
  reclaimOwnDeadLeases(): Promise<number>;
  /** Queues each recurring job unless it exists (safe when instances start together); the server calls it on start. */
  ensureRecurringJobs(): Promise<void>;
  start(): void;
  /** Poll now rather than at the next tick (new work was just queued); no-op unless started. */
  kick(): void;
  stop(): Promise<void>;
}

export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 20));
}

/** locked_by is `<instance id>/<uuid>`: the prefix survives a restart, the uuid tells the lives apart. */
export function leaseOwner(instanceId: string | undefined): string {
  return instanceId ? `${instanceId}/${randomUUID()}` : randomUUID();
}

type Outcome = 'done' | 'deferred';

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const owner = leaseOwner(options.instanceId);
  const leaseMs = options.leaseMs ?? 15_000;
  const batchSize = options.batchSize ?? 32;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const db = options.handle.db;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopping = false;

  async function runOne(job: JobRow, now: Date): Promise<Outcome> {
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      const result = await handler(JSON.parse(job.payload), job);
      if (result) await repeatJob(db, job.id, result.runAgainAt.toISOString());
      else await completeJob(db, job.id);
      return 'done';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = backoffDelay(job.attempts, options.backoffBaseMs, options.backoffMaxMs);
      const log = { jobId: job.id, kind: job.kind, attempts: job.attempts + 1, retryInMs: delay, reason: message };
      if (error instanceof RetryLater) options.logger.warn(log, 'job deferred');
      else options.logger.error(log, 'job failed; will retry');
      await rescheduleJob(db, job.id, isoAfter(delay, now), message);
      return 'deferred';
    }
  }

  /** Runs a batch with at most `concurrency` jobs at once, renewing the leases of those not finished yet. */
  async function runBatch(jobs: JobRow[], now: Date): Promise<Outcome[]> {
    const unfinished = new Set(jobs.map((job) => job.id));
    const heartbeat = setInterval(
      () => {
        if (unfinished.size === 0) return;
        extendLeases(db, owner, [...unfinished], isoAfter(leaseMs)).catch((error: unknown) =>
          options.logger.error({ err: error }, 'job lease heartbeat failed'),
        );
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    const outcomes: Outcome[] = [];
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        outcomes.push(await runOne(job, now));
        unfinished.delete(job.id);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
    } finally {
      clearInterval(heartbeat);
    }
    return outcomes;
  }

  async function runDue(at?: Date): Promise<number> {
    let ran = 0;
    for (;;) {
      const now = at ?? new Date();
      const jobs = await claimDueJobs(db, options.handle.dialect, {
        now: isoNow(now),
        leaseUntil: isoAfter(leaseMs, now),
        owner,
        limit: batchSize,
      });
      const outcomes = await runBatch(jobs, now);
      ran += jobs.length;
      // Another round only while there may be more and this one got somewhere: a full batch that
      // was all deferred (WeChat down again) waits for the next poll instead of spinning.
      if (stopping || jobs.length < batchSize || !outcomes.includes('done')) return ran;
    }
  }

  function poll(): void {
    if (running) return;
    running = runDue()
      .catch((error: unknown) => {
        options.logger.error({ err: error }, 'job runner poll failed');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  }

  async function reclaimOwnDeadLeases(): Promise<number> {
    if (!options.instanceId) return 0;
    const released = await releaseLeasesOfInstance(db, options.instanceId, owner);
    if (released > 0)
      options.logger.warn({ released, instanceId: options.instanceId }, 'released the job leases of this instance before its restart');
    return released;
  }

  return {
    owner,
    runDue,
    reclaimOwnDeadLeases,
    async ensureRecurringJobs() {
      for (const kind of options.recurring ?? []) await ensureJob(db, { kind, key: kind, payload: {} });
    },
    start() {
      if (timer) return;
      stopping = false;
      timer = setInterval(poll, options.pollIntervalMs);
      timer.unref();
      reclaimOwnDeadLeases()
        .catch((error: unknown) => options.logger.error({ err: error }, 'releasing the previous leases failed'))
        .finally(() => {
          if (timer) poll();
        });
    },
    kick() {
      if (timer) setImmediate(poll);
    },
    async stop() {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
