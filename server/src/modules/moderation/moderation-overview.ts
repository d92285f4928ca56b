/**
 * The moderators' overview: what waits for a person and since when, which automatic checks keep
 * failing at WeChat, and how much background work is queued. Ages are computed here, once, so the
 * console and any later API report the same figure.
 */
import type { Db } from '../../db/database';
import { countJobsByKind, listFailingJobs } from '../../jobs/jobs.repository';
import { TEXT_RECHECK_JOB } from '../content-check/text-recheck.job';
import { MEDIA_CHECK_SUBMIT_JOB } from '../media/media.service';
import { queueSizes } from './moderation-overview.repository';

/** The jobs that call WeChat's content checks (msgSecCheck rechecks, mediaCheckAsync submissions). */
const WECHAT_CHECK_JOBS = [TEXT_RECHECK_JOB, MEDIA_CHECK_SUBMIT_JOB];
const RECENT_FAILURES = 5;

// Error texts come from our WeChat client; strip anything token-like before a page shows them.
const redact = (text: string) => text.replace(/(access_token|secret|token|key)=[^&\s]+/gi, '$1=…').slice(0, 160);

export type ModerationOverview = Awaited<ReturnType<typeof moderationOverview>>;

export async function moderationOverview(db: Db, now: Date = new Date()) {
  const queues = await queueSizes(db);
  const waitingForPeople = [queues.heldPosts, queues.heldComments, queues.heldMedia, queues.openReports, queues.heldNicknames];
  const oldestAt = waitingForPeople
    .map((q) => q.oldestAt)
    .reduce<string | null>((a, b) => (b !== null && (a === null || b < a) ? b : a), null);
  const failing = await listFailingJobs(db, WECHAT_CHECK_JOBS, RECENT_FAILURES);
  return {
    queues,
    held: waitingForPeople.reduce((sum, q) => sum + q.count, 0),
    pending: queues.checkingPosts.count + queues.checkingComments.count + queues.pendingMedia.count,
    oldestWaitingAt: oldestAt,
    oldestWaitingSeconds: oldestAt === null ? null : Math.max(0, Math.round((now.getTime() - Date.parse(oldestAt)) / 1000)),
    recentCheckFailures: failing.map((job) => ({
      id: job.id,
      kind: job.kind,
      attempts: job.attempts,
      error: redact(job.last_error ?? ''),
      nextAttemptAt: job.run_at,
    })),
    jobBacklog: await countJobsByKind(db),
  };
}
