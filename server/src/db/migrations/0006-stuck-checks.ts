/**
 * Nothing waits forever (issue 12, item 4): each image remembers when it was last submitted to
 * mediaCheckAsync and how often, so the sweep can re-submit one whose verdict never came and
 * then hand it to a moderator; and a job can carry a unique key, so the recurring sweep exists
 * once however many instances start together. Images already waiting count from their last change.
 */
import { sql, type Kysely } from 'kysely';

export function stuckChecksMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('media').addColumn('check_submitted_at', 'text').execute();
      await db.schema
        .alterTable('media')
        .addColumn('check_submissions', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await sql`UPDATE media SET check_submitted_at = updated_at, check_submissions = 1 WHERE trace_id IS NOT NULL`.execute(db);
      await db.schema.alterTable('jobs').addColumn('unique_key', 'text').execute();
      await db.schema.createIndex('jobs_unique_key_idx').on('jobs').column('unique_key').unique().execute();
    },
  };
}
