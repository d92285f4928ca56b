/**
 * Applies a decision about an image, from WeChat's push or a moderator, exactly once, and
 * carries it to what uses the image: the posts it belongs to and the owner's avatar.
 */
import type { Db } from '../../db/database';
import type { MediaStatus } from '../../db/schema';
import { isoNow } from '../../lib/time';
import { inTransaction } from '../../lib/transaction';
import { recomputePostStatus } from '../forum/post-status';
import { findMedia, postIdsUsingMedia, transitionMedia } from './media.repository';

export const IMAGE_RISKY_REASON = '图片可能包含不当内容，未通过安全检测';

export type MediaDecision = 'approved' | 'held' | 'rejected';

/** Which states a decision may leave: WeChat decides pending media; moderators also decide held (and may reverse). */
const DECIDABLE_FROM: Record<'wechat' | 'moderator', MediaStatus[]> = {
  wechat: ['pending'],
  moderator: ['pending', 'held', 'approved', 'rejected'],
};

export async function applyMediaDecision(
  db: Db,
  mediaId: string,
  decision: MediaDecision,
  by: 'wechat' | 'moderator',
  reason: string | null = decision === 'rejected' ? IMAGE_RISKY_REASON : null,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const media = await findMedia(trx, mediaId);
    if (!media || media.status === decision) return false;
    if (!(await transitionMedia(trx, mediaId, DECIDABLE_FROM[by], decision, reason))) return false;

    for (const postId of await postIdsUsingMedia(trx, mediaId)) await recomputePostStatus(trx, postId);

    if (media.purpose === 'avatar') {
      const owner = await trx.selectFrom('users').select(['pending_avatar_media_id', 'avatar_media_id']).where('id', '=', media.owner_id).executeTakeFirst();
      if (owner?.pending_avatar_media_id === mediaId && decision !== 'held') {
        await trx
          .updateTable('users')
          .set({ pending_avatar_media_id: null, ...(decision === 'approved' ? { avatar_media_id: mediaId } : {}), updated_at: isoNow() })
          .where('id', '=', media.owner_id)
          .execute();
      } else if (owner?.avatar_media_id === mediaId && decision === 'rejected') {
        await trx.updateTable('users').set({ avatar_media_id: null, updated_at: isoNow() }).where('id', '=', media.owner_id).execute();
      }
    }
    return true;
  });
}
