/**
 * SQL for the durable job queue. Claiming marks due jobs with a lease; on PostgreSQL the
 * candidate rows are locked with FOR UPDATE SKIP LOCKED so several server instances sharing one
 * database never claim the same job. SQLite has a single writer, so the plain UPDATE is enough.
 */
import type { Db, Dialect } from '../db/database';
import type { JobRow } from '../db/schema';
import { isoNow } from '../lib/time';

export async function enqueueJob(db: Db, job: { kind: string; payload: unknown; runAt?: string }): Promise<void> {
  const now = isoNow();
  await db
    .insertInto('jobs')
    .values({ kind: job.kind, payload: JSON.stringify(job.payload), run_at: job.runAt ?? now, attempts: 0, created_at: now })
    .execute();
}

export async function claimDueJobs(
  db: Db,
  dialect: Dialect,
  options: { now: string; leaseUntil: string; owner: string; limit: number },
): Promise<JobRow[]> {
  let due = db
    .selectFrom('jobs')
    .select('id')
    .where('run_at', '<=', options.now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', options.now)]))
    .orderBy('run_at')
    .limit(options.limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return db
    .updateTable('jobs')
    .set({ locked_until: options.leaseUntil, locked_by: options.owner })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function completeJob(db: Db, id: number): Promise<void> {
  await db.deleteFrom('jobs').where('id', '=', id).execute();
}

export async function rescheduleJob(db: Db, id: number, runAt: string, error: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set((eb) => ({
      run_at: runAt,
      attempts: eb('attempts', '+', 1),
      locked_until: null,
      locked_by: null,
      last_error: error.slice(0, 500),
    }))
    .where('id', '=', id)
    .execute();
}

export function countJobs(db: Db, kind?: string): Promise<number> {
  let query = db.selectFrom('jobs').select((eb) => eb.fn.countAll<string | number>().as('n'));
  if (kind) query = query.where('kind', '=', kind);
  return query.executeTakeFirstOrThrow().then((row) => Number(row.n));
}

/** Jobs waiting, per kind: the backlog operators watch (moderation overview). */
export async function countJobsByKind(db: Db): Promise<{ kind: string; count: number }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['kind', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, count: Number(row.n) }));
}

/** Jobs of these kinds whose last attempt failed (still retrying), the most recently rescheduled first. */
export function listFailingJobs(db: Db, kinds: string[], limit: number) {
  return db
    .selectFrom('jobs')
    .select(['id', 'kind', 'attempts', 'last_error', 'run_at', 'created_at'])
    .where('kind', 'in', kinds)
    .where('last_error', 'is not', null)
    .orderBy('run_at', 'desc')
    .limit(limit)
    .execute();
}
