/** SQL for uploaded media and the images attached to posts. */
import type { Db } from '../../db/database';
import { precompiled, type Param } from '../../db/precompiled';
import type { MediaRow } from '../../db/schema';
import { isoNow } from '../../lib/time';

export async function insertMedia(
  db: Db,
  row: Omit<MediaRow, 'created_at' | 'updated_at' | 'trace_id' | 'reject_reason' | 'check_submitted_at' | 'check_submissions'>,
): Promise<void> {
  const now = isoNow();
  await db
    .insertInto('media')
    .values({ ...row, trace_id: null, reject_reason: null, created_at: now, updated_at: now })
    .execute();
}

export function findMedia(db: Db, id: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMediaByTraceId(db: Db, traceId: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('trace_id', '=', traceId).executeTakeFirst();
}

export function findMediaByFetchToken(db: Db, token: string): Promise<MediaRow | undefined> {
  return db.selectFrom('media').selectAll().where('fetch_token', '=', token).executeTakeFirst();
}

export function findMediaOf(db: Db, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('media').selectAll().where('id', 'in', ids).execute();
}

/** The image was (re-)submitted to mediaCheckAsync: the sweep counts from now. */
export async function setTraceId(db: Db, id: string, traceId: string): Promise<void> {
  const now = isoNow();
  await db
    .updateTable('media')
    .set((eb) => ({ trace_id: traceId, check_submitted_at: now, check_submissions: eb('check_submissions', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

/** Pending images submitted before `before` whose verdict never came, oldest submission first. */
export function findStuckChecks(db: Db, before: string, limit: number) {
  return db
    .selectFrom('media')
    .select(['id', 'trace_id', 'check_submissions', 'check_submitted_at'])
    .where('status', '=', 'pending')
    .where('trace_id', 'is not', null)
    .where('check_submitted_at', '<', before)
    .orderBy('check_submitted_at')
    .limit(limit)
    .execute();
}

/**
 * Forgets the trace_id of an image still pending under it, so the submit job asks WeChat again;
 * false when its verdict arrived (or another instance re-submitted it) in the meantime.
 */
export async function clearTraceIdForResubmit(db: Db, id: string, traceId: string): Promise<boolean> {
  const result = await db
    .updateTable('media')
    .set({ trace_id: null, updated_at: isoNow() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('trace_id', '=', traceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function renewFetchToken(db: Db, id: string, token: string, expiresAt: string): Promise<void> {
  await db
    .updateTable('media')
    .set({ fetch_token: token, fetch_expires_at: expiresAt, updated_at: isoNow() })
    .where('id', '=', id)
    .execute();
}

export async function attachMediaToPost(db: Db, postId: number, mediaIds: string[]): Promise<void> {
  if (mediaIds.length === 0) return;
  await db
    .insertInto('post_media')
    .values(mediaIds.map((mediaId, position) => ({ post_id: postId, media_id: mediaId, position })))
    .execute();
}

/** Media already used by some post cannot be attached to another one. */
export async function attachedMediaIds(db: Db, mediaIds: string[]): Promise<string[]> {
  if (mediaIds.length === 0) return [];
  const rows = await db.selectFrom('post_media').select('media_id').where('media_id', 'in', mediaIds).execute();
  return rows.map((r) => r.media_id);
}

// One post's images, read on every post view: built and compiled once (db/precompiled.ts).
const imagesOfOnePostQuery = precompiled((db, p: Param<{ postId: number }>) =>
  db
    .selectFrom('post_media')
    .innerJoin('media', 'media.id', 'post_media.media_id')
    .select(['post_media.post_id', 'media.id', 'media.status', 'media.width', 'media.height'])
    .where('post_media.post_id', '=', p('postId'))
    .orderBy('post_media.position'),
);

export function listPostMedia(db: Db, postIds: number[]) {
  if (postIds.length === 0) return Promise.resolve([]);
  if (postIds.length === 1) return imagesOfOnePostQuery.all(db, { postId: postIds[0]! });
  return db
    .selectFrom('post_media')
    .innerJoin('media', 'media.id', 'post_media.media_id')
    .select(['post_media.post_id', 'media.id', 'media.status', 'media.width', 'media.height'])
    .where('post_media.post_id', 'in', postIds)
    .orderBy('post_media.post_id')
    .orderBy('post_media.position')
    .execute();
}

/** Removes all of a user's media rows (account deletion) and returns their files to delete. */
export async function deleteMediaOf(db: Db, ownerId: number): Promise<string[]> {
  const rows = await db.deleteFrom('media').where('owner_id', '=', ownerId).returning('storage_key').execute();
  return rows.map((row) => row.storage_key);
}
