/**
 * Runs due jobs from the durable queue. Handlers either finish (the job is deleted) or ask to be
 * retried; a retry waits with exponential backoff and never gives up, because a job here stands
 * for user content that must be neither lost nor published unchecked.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../db/database';
import type { JobRow } from '../db/schema';
import { isoAfter, isoNow } from '../lib/time';
import { claimDueJobs, completeJob, rescheduleJob } from './jobs.repository';

export class RetryLater extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryLater';
  }
}

export type JobHandler = (payload: unknown, job: JobRow) => Promise<void>;

export interface JobRunnerOptions {
  handle: DatabaseHandle;
  handlers: Record<string, JobHandler>;
  logger: FastifyBaseLogger;
  pollIntervalMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** How long a claimed job stays reserved for its runner before another may take it. */
  leaseMs?: number;
  batchSize?: number;
}

export interface JobRunner {
  /** Claims and runs the jobs due at `now`; returns how many it ran. */
  runDue(now?: Date): Promise<number>;
  start(): void;
  /** Poll now rather than at the next tick (new work was just queued); no-op unless started. */
  kick(): void;
  stop(): Promise<void>;
}

export function backoffDelay(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(attempts, 20));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  async function runOne(job: JobRow, now: Date): Promise<void> {
    const handler = options.handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for job kind ${job.kind}`);
      await handler(JSON.parse(job.payload), job);
      await completeJob(options.handle.db, job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const delay = backoffDelay(job.attempts, options.backoffBaseMs, options.backoffMaxMs);
      const log = { jobId: job.id, kind: job.kind, attempts: job.attempts + 1, retryInMs: delay, reason: message };
      if (error instanceof RetryLater) options.logger.warn(log, 'job deferred');
      else options.logger.error(log, 'job failed; will retry');
      await rescheduleJob(options.handle.db, job.id, isoAfter(delay, now), message);
    }
  }

  async function runDue(now = new Date()): Promise<number> {
    const jobs = await claimDueJobs(options.handle.db, options.handle.dialect, {
      now: isoNow(now),
      leaseUntil: isoAfter(leaseMs, now),
      owner,
      limit: options.batchSize ?? 20,
    });
    for (const job of jobs) await runOne(job, now);
    return jobs.length;
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

  return {
    runDue,
    start() {
      if (timer) return;
      timer = setInterval(poll, options.pollIntervalMs);
      timer.unref();
    },
    kick() {
      if (timer) setImmediate(poll);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
