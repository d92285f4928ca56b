/**
 * How images move between pending, approved, held and rejected, from WeChat's push or a
 * moderator, exactly once, and how a decision carries to what uses the image: the posts it
 * belongs to and the owner's avatar (a new avatar replaces the old one only once it passes).
 */
import type { Db } from '../../db/database';
import type { MediaStatus } from '../../db/schema';
import { inTransaction } from '../../lib/transaction';
import * as repo from './content-state.repository';
import { recomputePostStatus } from './post-status';

export const IMAGE_RISKY_REASON = '图片可能包含不当内容，未通过安全检测';

export type MediaDecision = 'approved' | 'held' | 'rejected';

/**
 * Which states a decision may leave: WeChat decides pending media; the sweep may only hold a
 * pending image whose verdict never came; moderators also decide held (and may reverse).
 */
const DECIDABLE_FROM: Record<'wechat' | 'sweep' | 'moderator', MediaStatus[]> = {
  wechat: ['pending'],
  sweep: ['pending'],
  moderator: ['pending', 'held', 'approved', 'rejected'],
};

export async function applyMediaDecision(
  db: Db,
  mediaId: string,
  decision: MediaDecision,
  by: 'wechat' | 'sweep' | 'moderator',
  reason: string | null = decision === 'rejected' ? IMAGE_RISKY_REASON : null,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const media = await repo.findMediaState(trx, mediaId);
    if (!media || media.status === decision) return false;
    if (!(await repo.transitionMedia(trx, mediaId, DECIDABLE_FROM[by], decision, reason))) return false;

    for (const postId of await repo.postIdsUsingMedia(trx, mediaId)) await recomputePostStatus(trx, postId);

    if (media.purpose === 'avatar') {
      const owner = await repo.findProfileState(trx, media.owner_id);
      if (owner?.pending_avatar_media_id === mediaId && decision !== 'held') {
        await repo.setProfileState(trx, media.owner_id, {
          pending_avatar_media_id: null,
          ...(decision === 'approved' ? { avatar_media_id: mediaId } : {}),
        });
      } else if (owner?.avatar_media_id === mediaId && decision === 'rejected') {
        await repo.setProfileState(trx, media.owner_id, { avatar_media_id: null });
      }
    }
    return true;
  });
}

/** A new avatar upload waits, pending, beside the current one until its verdict. */
export async function startAvatarCheck(db: Db, userId: number, mediaId: string): Promise<void> {
  await repo.setProfileState(db, userId, { pending_avatar_media_id: mediaId });
}

/** The images of a post waiting for a moderator, in the post's order. */
export function heldImagesOf(db: Db, postId: number): Promise<string[]> {
  return repo.heldImagesOf(db, postId);
}

/** The status an image is in now, for callers that answer "unchanged". */
export async function mediaStatusOf(db: Db, mediaId: string): Promise<MediaStatus | undefined> {
  return (await repo.findMediaState(db, mediaId))?.status;
}
