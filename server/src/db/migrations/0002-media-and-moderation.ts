/**
 * Images with WeChat's asynchronous check, posts that reference them, avatars, and the record
 * of every moderator action.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

export function mediaAndModerationMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('byte_size', 'integer', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('storage_key', 'text', (c) => c.notNull())
        .addColumn('fetch_token', 'text', (c) => c.notNull().unique())
        .addColumn('fetch_expires_at', 'text', (c) => c.notNull())
        .addColumn('trace_id', 'text', (c) => c.unique())
        .addColumn('check_openid', 'text')
        .addColumn('reject_reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('media_queue_idx').on('media').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('media_owner_idx').on('media').columns(['owner_id', 'created_at']).execute();

      await db.schema
        .createTable('post_media')
        .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
        .addColumn('media_id', 'text', (c) => c.notNull().references('media.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('post_media_pk', ['post_id', 'media_id'])
        .execute();
      await db.schema.createIndex('post_media_media_idx').on('post_media').column('media_id').execute();

      // What WeChat's text check said, kept apart from the post's overall status, which also
      // waits for its images.
      await db.schema
        .alterTable('posts')
        .addColumn('text_verdict', 'text', (c) => c.notNull().defaultTo('pass'))
        .execute();

      await db.schema.alterTable('users').addColumn('avatar_media_id', 'text').execute();
      await db.schema.alterTable('users').addColumn('pending_avatar_media_id', 'text').execute();

      await db.schema
        .createTable('moderation_actions')
        .addColumn('id', 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
        )
        .addColumn('moderator_id', 'integer', (c) => c.notNull().references('users.id'))
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('moderation_actions_target_idx').on('moderation_actions').columns(['target_type', 'target_id']).execute();
      await db.schema.createIndex('posts_queue_idx').on('posts').columns(['status', 'created_at']).execute();
      await db.schema.createIndex('comments_queue_idx').on('comments').columns(['status', 'created_at']).execute();
    },
  };
}
