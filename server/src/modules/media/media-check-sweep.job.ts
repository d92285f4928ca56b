/**
 * The recurring sweep of image checks whose verdict never came: WeChat's `wxa_media_check` push
 * can be lost (the server was down longer than WeChat's retries, or answered 5xx), and nothing
 * else would look at the image again, leaving it pending and its post `checking` for good. An
 * image submitted longer ago than the threshold is submitted again (a new trace_id; a late push
 * for the old one is ignored as unknown), up to maxResubmits times, then held for moderators,
 * through content-state, so its post leaves `checking` and a person decides.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { JobHandler } from '../../jobs/job-runner';
import { enqueueJob } from '../../jobs/jobs.repository';
import { isoAfter } from '../../lib/time';
import { applyMediaDecision } from '../content-state';
import * as media from './media.repository';
import { MEDIA_CHECK_SUBMIT_JOB } from './media.service';

export const MEDIA_CHECK_SWEEP_JOB = 'media-check-sweep';

/** Images looked at per run; a full run is followed by another at once. */
const SWEEP_BATCH = 100;

export interface MediaCheckSweepSettings {
  intervalMs: number;
  stuckAfterSeconds: number;
  maxResubmits: number;
}

export interface SweepResult {
  resubmitted: number;
  held: number;
  /** More stuck images may be waiting than one run looked at. */
  full: boolean;
}

export async function sweepStuckMediaChecks(
  deps: { db: Db; logger: FastifyBaseLogger; onQueued?: () => void } & MediaCheckSweepSettings,
  now = new Date(),
): Promise<SweepResult> {
  const stuck = await media.findStuckChecks(deps.db, isoAfter(-deps.stuckAfterSeconds * 1000, now), SWEEP_BATCH);
  const result: SweepResult = { resubmitted: 0, held: 0, full: stuck.length === SWEEP_BATCH };
  for (const row of stuck) {
    const log = { mediaId: row.id, traceId: row.trace_id, submissions: row.check_submissions, since: row.check_submitted_at };
    if (row.check_submissions > deps.maxResubmits) {
      if (await applyMediaDecision(deps.db, row.id, 'held', 'sweep')) {
        result.held += 1;
        deps.logger.warn(log, 'no image verdict from WeChat after re-submitting; held for moderators');
      }
      continue;
    }
    const resubmitted = await deps.db.transaction().execute(async (trx) => {
      if (!(await media.clearTraceIdForResubmit(trx, row.id, row.trace_id!))) return false;
      await enqueueJob(trx, { kind: MEDIA_CHECK_SUBMIT_JOB, payload: { mediaId: row.id } });
      return true;
    });
    if (resubmitted) {
      result.resubmitted += 1;
      deps.logger.warn(log, 'no image verdict from WeChat in time; submitting it again');
    }
  }
  if (result.resubmitted > 0) deps.onQueued?.();
  return result;
}

export function createMediaCheckSweepHandler(
  deps: { db: Db; logger: FastifyBaseLogger; onQueued?: () => void } & MediaCheckSweepSettings,
): JobHandler {
  return async () => {
    const result = await sweepStuckMediaChecks(deps);
    return { runAgainAt: new Date(Date.now() + (result.full ? 0 : deps.intervalMs)) };
  };
}
