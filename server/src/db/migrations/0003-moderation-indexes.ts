/**
 * Indexes the moderation queues need beyond those of 0002: the queue of nicknames held for
 * review, read oldest first (GET /moderation/nicknames).
 */
import type { Kysely } from 'kysely';

export function moderationIndexesMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('users_nickname_queue_idx').on('users').columns(['pending_nickname_status', 'updated_at']).execute();
    },
  };
}
