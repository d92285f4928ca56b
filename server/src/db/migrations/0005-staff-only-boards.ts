/**
 * Boards only staff may post to (公告): a flag on boards, enforced by the forum service. Installs
 * seeded before this migration get it on their announcements board here; fresh installs get it
 * from the seed.
 */
import { sql, type Kysely } from 'kysely';

export function staffOnlyBoardsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('boards')
        .addColumn('staff_only', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`UPDATE boards SET staff_only = 1 WHERE slug = 'announcements'`.execute(db);
    },
  };
}
