/**
 * A post's public status follows from its text verdict and its images' checks: it is published
 * only when the text passed and every image was approved. Recomputed whenever one of those
 * changes (text recheck, image push, moderator decision).
 */
import type { Db } from '../../db/database';
import type { ContentStatus, MediaStatus, TextVerdict } from '../../db/schema';
import * as repo from './content-state.repository';

export const IMAGE_REJECTED_REASON = '图片未通过安全检测，帖子仅你自己可见';

export function derivePostStatus(text: TextVerdict, images: MediaStatus[]): { status: ContentStatus; reason: string | null } {
  if (images.includes('rejected')) return { status: 'rejected', reason: IMAGE_REJECTED_REASON };
  if (text === 'review' || images.includes('held')) return { status: 'held', reason: null };
  if (text === 'pending' || images.includes('pending')) return { status: 'checking', reason: null };
  return { status: 'published', reason: null };
}

/**
 * Applies the derived status. Content a moderator or a late verdict already rejected stays
 * rejected; published content can only fall back to rejected (an image rejected afterwards).
 */
export async function recomputePostStatus(db: Db, postId: number): Promise<ContentStatus | undefined> {
  const post = await repo.findPostState(db, postId);
  if (!post || post.status === 'rejected') return post?.status;
  const next = derivePostStatus(post.text_verdict, await repo.postImageStatuses(db, postId));
  if (next.status === post.status) return post.status;
  if (post.status === 'published' && next.status !== 'rejected') return post.status;
  await repo.transitionPost(db, postId, [post.status], next.status, next.reason);
  return next.status;
}
