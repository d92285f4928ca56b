/**
 * Status changes of posts and comments that must keep derived data right (a thread's comment
 * count) and apply once, whoever decides them: the recheck job now, moderators later.
 */
import type { Db } from '../../db/database';
import type { ContentStatus } from '../../db/schema';
import { inTransaction } from '../../lib/transaction';
import * as comments from './comments.repository';
import * as posts from './posts.repository';

export async function changePostStatus(db: Db, id: number, from: ContentStatus[], to: ContentStatus, reason: string | null = null): Promise<boolean> {
  return posts.transitionPost(db, id, from, to, reason);
}

export async function changeCommentStatus(db: Db, id: number, from: ContentStatus[], to: ContentStatus, reason: string | null = null): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const comment = await comments.findComment(trx, id);
    if (!comment || !(await comments.transitionComment(trx, id, from, to, reason))) return false;
    if (comment.status !== 'published' && to === 'published') await posts.adjustCommentCount(trx, comment.post_id, 1);
    if (comment.status === 'published' && to !== 'published') await posts.adjustCommentCount(trx, comment.post_id, -1);
    return true;
  });
}
