/**
 * The moderators' ban list reads banned accounts newest ban first; without an index every page
 * scanned the whole users table. Unbanned users have banned_at NULL and sort together at one end.
 */
import type { Kysely } from 'kysely';

export function banListMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('users_banned_idx').on('users').columns(['banned_at', 'id']).execute();
    },
  };
}
