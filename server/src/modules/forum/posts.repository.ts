/** SQL for posts. Every list is keyset-paginated on id and served by an index (see the migration). */
import type { Db } from '../../db/database';
import { precompiled, type Param } from '../../db/precompiled';
import type { ContentStatus, TextVerdict } from '../../db/schema';
import { excerptOf } from '../../lib/excerpt';
import { isoNow } from '../../lib/time';

/** What a list sends: the stored excerpt, never the body (the bench's profile: reading bodies was ~18 % of a list's CPU). */
const summaryColumns = [
  'posts.id',
  'posts.board_id',
  'posts.author_id',
  'posts.title',
  'posts.excerpt',
  'posts.status',
  'posts.reject_reason',
  'posts.pinned',
  'posts.comment_count',
  'posts.text_verdict',
  'posts.created_at',
  'users.nickname as author_nickname',
  'users.avatar_media_id as author_avatar_media_id',
] as const;

function selectPosts(db: Db) {
  return db.selectFrom('posts').innerJoin('users', 'users.id', 'posts.author_id').select(summaryColumns);
}

export type PostSummaryRow = Awaited<ReturnType<typeof listPublishedPosts>>[number];
export type PostWithAuthor = Awaited<ReturnType<typeof findPost>> & {};

// Read on every post view: built and compiled once (db/precompiled.ts).
const findPostQuery = precompiled((db, p: Param<{ id: number }>) => selectPosts(db).select('posts.body').where('posts.id', '=', p('id')));

export function findPost(db: Db, id: number) {
  return findPostQuery.first(db, { id });
}

/** What deciding whether a viewer may see a post needs, and no more (comment lists ask it each time). */
const findPostVisibilityQuery = precompiled((db, p: Param<{ id: number }>) =>
  db.selectFrom('posts').select(['id', 'status', 'author_id']).where('id', '=', p('id')),
);

export function findPostVisibility(db: Db, id: number) {
  return findPostVisibilityQuery.first(db, { id });
}

export function listPublishedPosts(db: Db, options: { boardId?: number; pinnedOnly?: boolean; beforeId?: number; limit: number }) {
  let query = selectPosts(db).where('posts.status', '=', 'published');
  if (options.boardId !== undefined) query = query.where('posts.board_id', '=', options.boardId);
  if (options.pinnedOnly) query = query.where('posts.pinned', '=', 1);
  if (options.beforeId !== undefined) query = query.where('posts.id', '<', options.beforeId);
  return query
    .orderBy('posts.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

export function listPostsByAuthor(db: Db, options: { authorId: number; beforeId?: number; limit: number }) {
  let query = selectPosts(db).where('posts.author_id', '=', options.authorId);
  if (options.beforeId !== undefined) query = query.where('posts.id', '<', options.beforeId);
  return query
    .orderBy('posts.id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

export async function insertPost(
  db: Db,
  values: {
    boardId: number;
    authorId: number;
    title: string;
    body: string;
    status: ContentStatus;
    textVerdict?: TextVerdict;
    pinned?: boolean;
    seedKey?: string;
  },
): Promise<number> {
  const now = isoNow();
  const row = await db
    .insertInto('posts')
    .values({
      board_id: values.boardId,
      author_id: values.authorId,
      title: values.title,
      body: values.body,
      excerpt: excerptOf(values.body),
      status: values.status,
      text_verdict: values.textVerdict ?? 'pass',
      pinned: values.pinned ? 1 : 0,
      seed_key: values.seedKey ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes a post only where it is the given author's (authorization decided where the row is read). */
export async function deletePostOf(db: Db, id: number, authorId: number | 'any'): Promise<boolean> {
  let query = db.deleteFrom('posts').where('id', '=', id);
  if (authorId !== 'any') query = query.where('author_id', '=', authorId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Comments on these posts go with them (ON DELETE CASCADE). */
export async function deletePostsByAuthor(db: Db, authorId: number): Promise<void> {
  await db.deleteFrom('posts').where('author_id', '=', authorId).execute();
}
