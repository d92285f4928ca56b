/**
 * SQL of content states: the status columns of posts, comments and media, the pending nickname
 * and avatar of users, and the data derived from them (a thread's published-comment count).
 * Every change is conditional on the state it leaves, because verdicts and decisions repeat and
 * race and must apply once. Functions take the database or a transaction first.
 */
import type { Db } from '../../db/database';
import type { ContentStatus, MediaStatus, TextVerdict, UserRow } from '../../db/schema';
import { isoNow } from '../../lib/time';

// Posts

export function findPostState(db: Db, id: number) {
  return db
    .selectFrom('posts')
    .select(['id', 'author_id', 'title', 'body', 'status', 'text_verdict'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function transitionPost(
  db: Db,
  id: number,
  from: ContentStatus[],
  to: ContentStatus,
  reason: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable('posts')
    .set({ status: to, reject_reason: reason, updated_at: isoNow() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPostTextVerdict(db: Db, id: number, verdict: TextVerdict): Promise<void> {
  await db.updateTable('posts').set({ text_verdict: verdict, updated_at: isoNow() }).where('id', '=', id).execute();
}

/**
 * Passes a queued post's text. Conditional, so that of two moderators approving at once only one
 * changes it: the second waits for the first's row lock and then finds nothing to do.
 */
export async function passQueuedPostText(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('posts')
    .set({ text_verdict: 'pass', updated_at: isoNow() })
    .where('id', '=', id)
    .where('status', 'in', ['held', 'checking'])
    .where('text_verdict', '!=', 'pass')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function postImageStatuses(db: Db, postId: number): Promise<MediaStatus[]> {
  const rows = await db
    .selectFrom('post_media')
    .innerJoin('media', 'media.id', 'post_media.media_id')
    .select('media.status')
    .where('post_media.post_id', '=', postId)
    .execute();
  return rows.map((row) => row.status);
}

export async function heldImagesOf(db: Db, postId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('post_media')
    .innerJoin('media', 'media.id', 'post_media.media_id')
    .select('media.id')
    .where('post_media.post_id', '=', postId)
    .where('media.status', '=', 'held')
    .orderBy('post_media.position')
    .execute();
  return rows.map((row) => row.id);
}

export async function adjustCommentCount(db: Db, postId: number, delta: 1 | -1): Promise<void> {
  await db
    .updateTable('posts')
    .set((eb) => ({ comment_count: eb('comment_count', '+', delta) }))
    .where('id', '=', postId)
    .execute();
}

/** Recomputes the published-comment count of posts whose threads lost several comments at once. */
export async function recountComments(db: Db, postIds: number[]): Promise<void> {
  if (postIds.length === 0) return;
  await db
    .updateTable('posts')
    .set((eb) => ({
      comment_count: eb
        .selectFrom('comments')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('comments.post_id', '=', 'posts.id')
        .where('comments.status', '=', 'published'),
    }))
    .where('id', 'in', postIds)
    .execute();
}

// Comments

export function findCommentState(db: Db, id: number) {
  return db.selectFrom('comments').select(['id', 'post_id', 'author_id', 'body', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function transitionComment(
  db: Db,
  id: number,
  from: ContentStatus[],
  to: ContentStatus,
  reason: string | null = null,
): Promise<boolean> {
  const result = await db
    .updateTable('comments')
    .set({ status: to, reject_reason: reason })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Media

export function findMediaState(db: Db, id: string) {
  return db.selectFrom('media').select(['id', 'owner_id', 'purpose', 'status']).where('id', '=', id).executeTakeFirst();
}

export async function transitionMedia(db: Db, id: string, from: MediaStatus[], to: MediaStatus, reason: string | null): Promise<boolean> {
  const result = await db
    .updateTable('media')
    .set({ status: to, reject_reason: reason, updated_at: isoNow() })
    .where('id', '=', id)
    .where('status', 'in', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function postIdsUsingMedia(db: Db, mediaId: string): Promise<number[]> {
  const rows = await db.selectFrom('post_media').select('post_id').where('media_id', '=', mediaId).execute();
  return rows.map((row) => row.post_id);
}

// Users: the nickname and avatar waiting for a check

export function findProfileState(db: Db, userId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'nickname', 'pending_nickname', 'pending_nickname_status', 'avatar_media_id', 'pending_avatar_media_id'])
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

type ProfileChanges = Partial<
  Pick<UserRow, 'nickname' | 'pending_nickname' | 'pending_nickname_status' | 'avatar_media_id' | 'pending_avatar_media_id'>
>;

export async function setProfileState(db: Db, userId: number, changes: ProfileChanges): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ ...changes, updated_at: isoNow() })
    .where('id', '=', userId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Settles a nickname still waiting in `from`; false when none is waiting there (decided already,
 * or replaced). With `text`, only that nickname: a recheck must not publish a newer, unchecked one.
 */
export async function settlePendingNickname(
  db: Db,
  userId: number,
  from: ('checking' | 'held')[],
  publish: boolean,
  text?: string,
): Promise<boolean> {
  let query = db
    .updateTable('users')
    .set((eb) => ({
      ...(publish ? { nickname: eb.ref('pending_nickname') } : {}),
      pending_nickname: null,
      pending_nickname_status: null,
      updated_at: isoNow(),
    }))
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('pending_nickname', 'is not', null)
    .where('pending_nickname_status', 'in', from);
  if (text !== undefined) query = query.where('pending_nickname', '=', text);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function holdCheckingNickname(db: Db, userId: number, text: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ pending_nickname_status: 'held', updated_at: isoNow() })
    .where('id', '=', userId)
    .where('pending_nickname', '=', text)
    .where('pending_nickname_status', '=', 'checking')
    .execute();
}
