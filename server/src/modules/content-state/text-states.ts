/**
 * How posts and comments move between checking, held, published and rejected, whoever decides:
 * the text check at submission (forum), the recheck job, image verdicts and moderators. Each
 * change applies once and keeps derived data right (a thread's published-comment count).
 */
import type { Db } from '../../db/database';
import type { ContentStatus } from '../../db/schema';
import { inTransaction } from '../../lib/transaction';
import * as repo from './content-state.repository';
import { recomputePostStatus } from './post-status';

export type TextOutcome = 'published' | 'held' | 'rejected';

export function changePostStatus(
  db: Db,
  id: number,
  from: ContentStatus[],
  to: ContentStatus,
  reason: string | null = null,
): Promise<boolean> {
  return repo.transitionPost(db, id, from, to, reason);
}

/**
 * A later verdict on a post's text (the recheck job). Rejection is final at once; otherwise the
 * post may still wait for its images, so its status follows from both.
 */
export async function applyPostTextVerdict(db: Db, id: number, outcome: TextOutcome, rejectReason: string): Promise<void> {
  if (outcome === 'rejected') {
    await repo.transitionPost(db, id, ['checking'], 'rejected', rejectReason);
    return;
  }
  await inTransaction(db, async (trx) => {
    await repo.setPostTextVerdict(trx, id, outcome === 'published' ? 'pass' : 'review');
    await recomputePostStatus(trx, id);
  });
}

/** A moderator passes a queued post's text; false when it had passed already. */
export function passQueuedPostText(db: Db, id: number): Promise<boolean> {
  return repo.passQueuedPostText(db, id);
}

export async function changeCommentStatus(
  db: Db,
  id: number,
  from: ContentStatus[],
  to: ContentStatus,
  reason: string | null = null,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const comment = await repo.findCommentState(trx, id);
    if (!comment || !(await repo.transitionComment(trx, id, from, to, reason))) return false;
    if (comment.status !== 'published' && to === 'published') await repo.adjustCommentCount(trx, comment.post_id, 1);
    if (comment.status === 'published' && to !== 'published') await repo.adjustCommentCount(trx, comment.post_id, -1);
    return true;
  });
}

/** A comment was added or removed in the given status: only published comments are counted. */
export async function commentCountChanged(db: Db, postId: number, status: ContentStatus, change: 'added' | 'removed'): Promise<void> {
  if (status === 'published') await repo.adjustCommentCount(db, postId, change === 'added' ? 1 : -1);
}

/** Several threads lost comments at once (an account deleted): count them again. */
export function recountComments(db: Db, postIds: number[]): Promise<void> {
  return repo.recountComments(db, postIds);
}
