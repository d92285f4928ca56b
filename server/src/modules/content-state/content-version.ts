/**
 * The content version: a counter database triggers move in the same transaction as every change a
 * public page may show (migration 0050). Read it before building a cacheable page and key the page
 * by it; all instances share it because it lives in the database.
 */
import type { Db } from '../../db/database';

export async function readContentVersion(db: Db): Promise<string> {
  const row = await db.selectFrom('content_version').select('value').where('id', '=', 1).executeTakeFirstOrThrow();
  return String(row.value);
}
