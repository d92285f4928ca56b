/**
 * What other modules may do with uploaded images, so none of them reaches into the media
 * repository: the forum checks and attaches a post's images and reads them for display,
 * moderators read them beside a queued post, and account deletion removes a user's uploads.
 * Functions take the database or the caller's transaction first.
 */
import type { Db } from '../../db/database';
import type { MediaStatus } from '../../db/schema';
import { AppError } from '../../lib/app-error';
import * as media from './media.repository';

export type PostImageRow = Awaited<ReturnType<typeof media.listPostMedia>>[number];

/** The images of these posts, in each post's order. */
export function imagesOfPosts(db: Db, postIds: number[]): Promise<PostImageRow[]> {
  return media.listPostMedia(db, postIds);
}

/**
 * Images a new post may use: the author's own post images, not refused, not already in another
 * post. Returns their statuses in the given order (the post's status follows from them).
 */
export async function usablePostImages(db: Db, authorId: number, mediaIds: string[]): Promise<MediaStatus[]> {
  const rows = await media.findMediaOf(db, mediaIds);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const ordered = mediaIds.map((id) => byId.get(id));
  const invalid = ordered.some((row) => !row || row.owner_id !== authorId || row.purpose !== 'post_image' || row.status === 'rejected');
  if (invalid || (await media.attachedMediaIds(db, mediaIds)).length > 0) {
    throw new AppError(
      400,
      'invalid_media',
      '图片无效或已被使用，请重新上传',
      'mediaIds must be your own unused, non-rejected post images',
    );
  }
  return ordered.map((row) => row!.status);
}

export function attachImagesToPost(db: Db, postId: number, mediaIds: string[]): Promise<void> {
  return media.attachMediaToPost(db, postId, mediaIds);
}

/** Removes a user's media rows (account deletion) and returns the storage keys whose files to delete after commit. */
export function deleteMediaOfOwner(db: Db, ownerId: number): Promise<string[]> {
  return media.deleteMediaOf(db, ownerId);
}
