/**
 * SQL of the moderators' overview (the web console's dashboard): how much waits in each queue and
 * since when. Each count is on a (status, created_at) queue index (0004), and each oldest item is
 * the first row of that index, so the overview stays cheap however long the queues grow.
 */
import type { Db } from '../../db/database';

const count = (n: string | number | undefined) => Number(n ?? 0);

async function countAndOldest(
  db: Db,
  table: 'posts' | 'comments' | 'media',
  status: string,
): Promise<{ count: number; oldestAt: string | null }> {
  const row = await db
    .selectFrom(table)
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min<string | null>('created_at').as('oldest')])
    .where('status', '=', status as never)
    .executeTakeFirst();
  return { count: count(row?.n), oldestAt: row?.oldest ?? null };
}

export async function queueSizes(db: Db) {
  const [heldPosts, checkingPosts, heldComments, checkingComments, heldMedia, pendingMedia] = await Promise.all([
    countAndOldest(db, 'posts', 'held'),
    countAndOldest(db, 'posts', 'checking'),
    countAndOldest(db, 'comments', 'held'),
    countAndOldest(db, 'comments', 'checking'),
    countAndOldest(db, 'media', 'held'),
    countAndOldest(db, 'media', 'pending'),
  ]);
  const reports = await db
    .selectFrom('reports')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min<string | null>('created_at').as('oldest')])
    .where('status', '=', 'open')
    .executeTakeFirst();
  const nicknames = await db
    .selectFrom('users')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min<string | null>('updated_at').as('oldest')])
    .where('pending_nickname_status', '=', 'held')
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return {
    heldPosts,
    checkingPosts,
    heldComments,
    checkingComments,
    heldMedia,
    pendingMedia,
    openReports: { count: count(reports?.n), oldestAt: reports?.oldest ?? null },
    heldNicknames: { count: count(nicknames?.n), oldestAt: nicknames?.oldest ?? null },
  };
}
