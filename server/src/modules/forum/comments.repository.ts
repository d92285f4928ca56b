/** SQL for comments: a thread reads oldest first, keyset-paginated on id. */
import type { Db } from '../../db/database';
import { precompiled, type Param } from '../../db/precompiled';
import type { ContentStatus } from '../../db/schema';
import { isoNow } from '../../lib/time';

const commentColumns = [
  'comments.id',
  'comments.post_id',
  'comments.author_id',
  'comments.body',
  'comments.status',
  'comments.reject_reason',
  'comments.created_at',
  'users.nickname as author_nickname',
  'users.avatar_media_id as author_avatar_media_id',
] as const;

function selectComments(db: Db) {
  return db.selectFrom('comments').innerJoin('users', 'users.id', 'comments.author_id').select(commentColumns);
}

export type CommentWithAuthor = NonNullable<Awaited<ReturnType<typeof findComment>>>;

export function findComment(db: Db, id: number) {
  return selectComments(db).where('comments.id', '=', id).executeTakeFirst();
}

// Read on every post view: one shape (a first page is "after id 0"), built and compiled once (db/precompiled.ts).
const publishedCommentsQuery = precompiled((db, p: Param<{ postId: number; afterId: number; take: number }>) =>
  selectComments(db)
    .where('comments.post_id', '=', p('postId'))
    .where('comments.status', '=', 'published')
    .where('comments.id', '>', p('afterId'))
    .orderBy('comments.id', 'asc')
    .limit(p('take')),
);

export function listPublishedComments(db: Db, options: { postId: number; afterId?: number; limit: number }) {
  return publishedCommentsQuery.all(db, { postId: options.postId, afterId: options.afterId ?? 0, take: options.limit + 1 });
}

/** The viewer's own comments on a post that others cannot see yet (checking, held, rejected). */
export function listUnpublishedCommentsOf(db: Db, options: { postId: number; authorId: number }) {
  return selectComments(db)
    .where('comments.author_id', '=', options.authorId)
    .where('comments.post_id', '=', options.postId)
    .where('comments.status', '!=', 'published')
    .orderBy('comments.id', 'asc')
    .limit(50)
    .execute();
}

export async function insertComment(
  db: Db,
  values: { postId: number; authorId: number; body: string; status: ContentStatus },
): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({ post_id: values.postId, author_id: values.authorId, body: values.body, status: values.status, created_at: isoNow() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deleteComment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('comments').where('id', '=', id).execute();
}

/** Deletes all of an author's comments and returns the posts whose threads changed. */
export async function deleteCommentsByAuthor(db: Db, authorId: number): Promise<number[]> {
  const removed = await db.deleteFrom('comments').where('author_id', '=', authorId).returning('post_id').execute();
  return [...new Set(removed.map((row) => row.post_id))];
}
