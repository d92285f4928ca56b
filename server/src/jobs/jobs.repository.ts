/**
 * SQL for the durable job queue. Claiming marks due jobs with a lease; on PostgreSQL the
 * candidate rows are locked with FOR UPDATE SKIP LOCKED so several server instances sharing one
 * database never claim the same job. SQLite has a single writer, so the plain UPDATE is enough.
 */
import { sql } from 'kysely';
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

/**
 * Queues a job that must exist once (a recurring job): several instances starting together
 * insert it once between them, through the unique key (migration 0006). True when this call added it.
 */
export async function ensureJob(db: Db, job: { kind: string; key: string; payload: unknown; runAt?: string }): Promise<boolean> {
  const now = isoNow();
  const inserted = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      unique_key: job.key,
      payload: JSON.stringify(job.payload),
      run_at: job.runAt ?? now,
      attempts: 0,
      created_at: now,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
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

/** The heartbeat: the jobs this runner still works on stay its own for another lease. */
export async function extendLeases(db: Db, owner: string, ids: number[], leaseUntil: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('jobs').set({ locked_until: leaseUntil }).where('locked_by', '=', owner).where('id', 'in', ids).execute();
}

/** Frees the jobs a previous life of this instance (`<instanceId>/…`, not `currentOwner`) had claimed. */
export async function releaseLeasesOfInstance(db: Db, instanceId: string, currentOwner: string): Promise<number> {
  const prefix = `${instanceId}/`;
  const result = await db
    .updateTable('jobs')
    .set({ locked_until: null, locked_by: null })
    // substr rather than LIKE: LIKE ignores case on SQLite, and the id may hold LIKE's wildcards.
    .where(sql<string>`substr(locked_by, 1, ${prefix.length})`, '=', prefix)
    .where('locked_by', '!=', currentOwner)
    .where('locked_until', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A recurring job finished this run: due again at `runAt`, unlocked, its attempts reset. */
export async function repeatJob(db: Db, id: number, runAt: string): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ run_at: runAt, attempts: 0, locked_until: null, locked_by: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Jobs claimed now (lease not yet expired), by owner: what the crash test watches. */
export function claimedJobs(db: Db, now: string) {
  return db.selectFrom('jobs').select(['id', 'kind', 'locked_by', 'locked_until']).where('locked_until', '>=', now).execute();
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
