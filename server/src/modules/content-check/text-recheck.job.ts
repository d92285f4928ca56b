/**
 * The background job that asks WeChat again about text stored as `checking` because the check
 * was unavailable at submission. It retries (with the runner's backoff) until WeChat answers.
 */
import type { Db } from '../../db/database';
import type { JobHandler } from '../../jobs/job-runner';
import { enqueueJob } from '../../jobs/jobs.repository';
import { TextScene } from '../../wechat/types';
import {
  applyNicknameRecheck,
  applyPostTextVerdict,
  changeCommentStatus,
  findCommentState,
  findPostState,
  findProfileState,
} from '../content-state';
import { RISKY_REASON, type ContentCheck } from './content-check.service';

export const TEXT_RECHECK_JOB = 'text-recheck';

export interface TextRecheckPayload {
  target: 'post' | 'comment' | 'nickname';
  id: number;
  openid: string;
}

export function enqueueTextRecheck(db: Db, payload: TextRecheckPayload): Promise<void> {
  return enqueueJob(db, { kind: TEXT_RECHECK_JOB, payload });
}

function isPayload(value: unknown): value is TextRecheckPayload {
  const v = value as Partial<TextRecheckPayload> | null;
  return !!v && ['post', 'comment', 'nickname'].includes(v.target ?? '') && Number.isInteger(v.id) && typeof v.openid === 'string';
}

export function createTextRecheckHandler(deps: { db: Db; contentCheck: ContentCheck }): JobHandler {
  const { db, contentCheck } = deps;
  return async (payload) => {
    if (!isPayload(payload)) throw new Error('malformed text-recheck payload');
    const { target, id, openid } = payload;

    if (target === 'post') {
      const post = await findPostState(db, id);
      if (post?.status !== 'checking' || post.text_verdict !== 'pending') return; // deleted, or already decided
      const outcome = await contentCheck.recheck({ content: post.body, title: post.title, scene: TextScene.forum, openid });
      await applyPostTextVerdict(db, id, outcome, RISKY_REASON);
    } else if (target === 'comment') {
      const comment = await findCommentState(db, id);
      if (comment?.status !== 'checking') return;
      const outcome = await contentCheck.recheck({ content: comment.body, scene: TextScene.comment, openid });
      await changeCommentStatus(db, id, ['checking'], outcome, outcome === 'rejected' ? RISKY_REASON : null);
    } else {
      const user = await findProfileState(db, id);
      if (!user?.pending_nickname || user.pending_nickname_status !== 'checking') return;
      const outcome = await contentCheck.recheck({ content: user.pending_nickname, scene: TextScene.profile, openid });
      await applyNicknameRecheck(db, id, user.pending_nickname, outcome);
    }
  };
}
