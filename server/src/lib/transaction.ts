/**
 * Runs `work` in a transaction, joining the caller's if there is one: Kysely cannot nest
 * transactions, and a helper like "change a comment's status" must be atomic on its own yet
 * also commit together with whatever a caller does around it (a moderator's audit row).
 */
import type { Db } from '../db/database';

export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
