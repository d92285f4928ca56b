/**
 * The read path, from the bench's profile: a post's excerpt is stored when the post is written,
 * so lists no longer read and convert whole bodies; and the two moderation queues that mix two
 * statuses (posts: held + checking, media: held + pending) get indexes ending in id, so each
 * status reads in queue order (oldest first on created_at, id) and a first page no longer sorts
 * the whole queue (45 ms at 100,000 queued, blocking the event loop).
 */
import type { Kysely } from 'kysely';
import { excerptOf } from '../../lib/excerpt';

const BATCH = 500;

export function readPathMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable('posts')
        .addColumn('excerpt', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      const posts = db as unknown as Kysely<{ posts: { id: number; body: string; excerpt: string } }>;
      for (let after = 0; ;) {
        const rows = await posts.selectFrom('posts').select(['id', 'body']).where('id', '>', after).orderBy('id').limit(BATCH).execute();
        if (rows.length === 0) break;
        for (const row of rows)
          await posts
            .updateTable('posts')
            .set({ excerpt: excerptOf(row.body) })
            .where('id', '=', row.id)
            .execute();
        after = rows[rows.length - 1]!.id;
      }

      // With the id, each status's queue is in index order on both databases (SQLite's rowid
      // would do for posts, not for media's text ids; PostgreSQL has no implicit rowid).
      await db.schema.dropIndex('posts_queue_idx').execute();
      await db.schema.createIndex('posts_queue_idx').on('posts').columns(['status', 'created_at', 'id']).execute();
      await db.schema.dropIndex('media_queue_idx').execute();
      await db.schema.createIndex('media_queue_idx').on('media').columns(['status', 'created_at', 'id']).execute();
      // The single-status queues too, so PostgreSQL breaks created_at ties in index order rather than by a sort.
      await db.schema.dropIndex('comments_queue_idx').execute();
      await db.schema.createIndex('comments_queue_idx').on('comments').columns(['status', 'created_at', 'id']).execute();
      await db.schema.dropIndex('users_nickname_queue_idx').execute();
      await db.schema
        .createIndex('users_nickname_queue_idx')
        .on('users')
        .columns(['pending_nickname_status', 'updated_at', 'id'])
        .execute();
    },
  };
}
