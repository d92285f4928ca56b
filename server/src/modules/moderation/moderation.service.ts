/**
 * Moderators' rules. Only moderators get past requireModerator, checked here where the data is
 * read as well as by the routes' hook. Every decision applies once and writes its audit row in
 * the same transaction; repeating a decision that already took effect is a no-op answered with
 * changed: false and logs nothing. Approving content that was rejected is refused (409): a
 * rejection is final for text, so content WeChat or a moderator refused never reappears by a
 * stray click. Images follow content-state (media-states.ts), where moderators may reverse any verdict.
 */
import type { Transaction } from 'kysely';
import {
  DEFAULT_IMAGE_REJECT_REASON,
  DEFAULT_REJECT_REASON,
  type ModerationActionKind,
  type ModerationResult,
  type ModerationTargetType,
  type ResolveReportBody,
} from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import { AppError, forbidden, notFound } from '../../lib/app-error';
import { banAccount, findAccount, unbanAccount } from '../auth/accounts';
import { requireViewer, type Viewer } from '../auth/viewer';
import {
  applyMediaDecision,
  changeCommentStatus,
  changePostStatus,
  decidePendingNickname,
  findCommentState,
  findPostState,
  heldImagesOf,
  mediaStatusOf,
  passQueuedPostText,
  recomputePostStatus,
} from '../content-state';
import { createModerationQueues, type PageRequest } from './moderation-queues';
import { moderationOverview } from './moderation-overview';
import type { ActionFilter } from './moderation.repository';

export type { ActionFilter };
import * as repo from './moderation.repository';

export { DEFAULT_IMAGE_REJECT_REASON, DEFAULT_REJECT_REASON } from '@wx-community-starter/contract';

export function requireModerator(viewer: Viewer | null): Viewer {
  const me = requireViewer(viewer);
  if (me.user.role !== 'moderator') throw forbidden(`user ${me.user.id} is not a moderator`, '只有社区管理员可以进行此操作');
  return me;
}

const alreadyRejected = (what: string) =>
  new AppError(409, 'already_rejected', '内容已被拒绝，不能再通过审核', `${what} was rejected; rejections are final`);
const unchanged = (status: string): ModerationResult => ({ changed: false, status });

interface Decision {
  trx: Transaction<Database>;
  me: Viewer;
  record(entry: {
    action: ModerationActionKind;
    targetType: ModerationTargetType;
    targetId: number | string;
    reason?: string | null;
  }): Promise<void>;
}

export type ModerationService = ReturnType<typeof createModerationService>;

export function createModerationService(deps: { db: Db }) {
  const { db } = deps;
  const queues = createModerationQueues(db);

  async function decide(viewer: Viewer | null, run: (decision: Decision) => Promise<ModerationResult>): Promise<ModerationResult> {
    const me = requireModerator(viewer);
    return db
      .transaction()
      .execute((trx) => run({ trx, me, record: (entry) => repo.recordAction(trx, { moderatorId: me.user.id, ...entry }) }));
  }

  async function read<T>(viewer: Viewer | null, list: () => Promise<T>): Promise<T> {
    requireModerator(viewer);
    return list();
  }

  async function rejectPostIn({ trx, record }: Decision, id: number, reason: string): Promise<boolean> {
    if (!(await changePostStatus(trx, id, ['checking', 'held', 'published'], 'rejected', reason))) return false;
    await record({ action: 'reject_post', targetType: 'post', targetId: id, reason });
    return true;
  }

  async function rejectCommentIn({ trx, record }: Decision, id: number, reason: string): Promise<boolean> {
    if (!(await changeCommentStatus(trx, id, ['checking', 'held', 'published'], 'rejected', reason))) return false;
    await record({ action: 'reject_comment', targetType: 'comment', targetId: id, reason });
    return true;
  }

  return {
    postQueue: (viewer: Viewer | null, page: PageRequest) => read(viewer, () => queues.posts(page)),
    commentQueue: (viewer: Viewer | null, page: PageRequest) => read(viewer, () => queues.comments(page)),
    mediaQueue: (viewer: Viewer | null, page: PageRequest) => read(viewer, () => queues.media(page)),
    reportQueue: (viewer: Viewer | null, page: PageRequest) => read(viewer, () => queues.reports(page)),
    nicknameQueue: (viewer: Viewer | null, page: PageRequest) => read(viewer, () => queues.nicknames(page)),
    actionLog: (viewer: Viewer | null, page: PageRequest, filter?: ActionFilter) => read(viewer, () => queues.actions(page, filter)),
    /** Queue sizes, the oldest waiting item, failing WeChat checks and the job backlog (the console's dashboard). */
    overview: (viewer: Viewer | null) => read(viewer, () => moderationOverview(db)),
    /** A user as a moderator sees them before banning or unbanning. */
    userSummary: (viewer: Viewer | null, userId: number) =>
      read(viewer, async () => {
        const user = await findAccount(db, userId);
        if (!user || user.deleted_at !== null) throw notFound(`user ${userId}`);
        return { id: user.id, nickname: user.nickname, role: user.role, bannedAt: user.banned_at, createdAt: user.created_at };
      }),
    summary: (viewer: Viewer | null) => read(viewer, () => queues.summary()),
    banList: (viewer: Viewer | null, page: PageRequest) => read(viewer, () => queues.bans(page)),

    /** Passes the text and the held images; images still pending at WeChat keep the post checking. */
    approvePost: (viewer: Viewer | null, id: number) =>
      decide(viewer, async ({ trx, record }) => {
        const post = await findPostState(trx, id);
        if (!post) throw notFound(`post ${id}`);
        if (post.status === 'rejected') throw alreadyRejected(`post ${id}`);
        if (post.status === 'published') return unchanged(post.status);
        let changed = await passQueuedPostText(trx, id);
        for (const mediaId of await heldImagesOf(trx, id)) {
          if (await applyMediaDecision(trx, mediaId, 'approved', 'moderator')) changed = true;
        }
        const status = (await recomputePostStatus(trx, id)) ?? post.status;
        if (!changed) return unchanged(status);
        await record({ action: 'approve_post', targetType: 'post', targetId: id });
        return { changed, status };
      }),

    rejectPost: (viewer: Viewer | null, id: number, reason = DEFAULT_REJECT_REASON) =>
      decide(viewer, async (decision) => {
        const post = await findPostState(decision.trx, id);
        if (!post) throw notFound(`post ${id}`);
        return (await rejectPostIn(decision, id, reason)) ? { changed: true, status: 'rejected' } : unchanged(post.status);
      }),

    approveComment: (viewer: Viewer | null, id: number) =>
      decide(viewer, async ({ trx, record }) => {
        const comment = await findCommentState(trx, id);
        if (!comment) throw notFound(`comment ${id}`);
        if (comment.status === 'rejected') throw alreadyRejected(`comment ${id}`);
        if (!(await changeCommentStatus(trx, id, ['checking', 'held'], 'published'))) return unchanged(comment.status);
        await record({ action: 'approve_comment', targetType: 'comment', targetId: id });
        return { changed: true, status: 'published' };
      }),

    rejectComment: (viewer: Viewer | null, id: number, reason = DEFAULT_REJECT_REASON) =>
      decide(viewer, async (decision) => {
        const comment = await findCommentState(decision.trx, id);
        if (!comment) throw notFound(`comment ${id}`);
        return (await rejectCommentIn(decision, id, reason)) ? { changed: true, status: 'rejected' } : unchanged(comment.status);
      }),

    decideMedia: (viewer: Viewer | null, id: string, decision: 'approved' | 'rejected', reason?: string) =>
      decide(viewer, async ({ trx, record }) => {
        const status = await mediaStatusOf(trx, id);
        if (!status) throw notFound(`media ${id}`);
        const why = decision === 'rejected' ? (reason ?? DEFAULT_IMAGE_REJECT_REASON) : null;
        if (!(await applyMediaDecision(trx, id, decision, 'moderator', why))) return unchanged(status);
        await record({
          action: decision === 'approved' ? 'approve_media' : 'reject_media',
          targetType: 'media',
          targetId: id,
          reason: why,
        });
        return { changed: true, status: decision };
      }),

    decideNickname: (viewer: Viewer | null, userId: number, approve: boolean) =>
      decide(viewer, async ({ trx, record }) => {
        const user = await findAccount(trx, userId);
        if (!user) throw notFound(`user ${userId}`);
        if (!(await decidePendingNickname(trx, userId, approve))) return unchanged('none');
        // The nickname decided on goes in the log: the user may change it again later.
        await record({
          action: approve ? 'approve_nickname' : 'reject_nickname',
          targetType: 'user',
          targetId: userId,
          reason: user.pending_nickname,
        });
        return { changed: true, status: approve ? 'approved' : 'rejected' };
      }),

    /** Settles every open report on the same content; remove_content also rejects that content. */
    resolveReport: (viewer: Viewer | null, id: number, input: ResolveReportBody) =>
      decide(viewer, async (decision) => {
        const report = await repo.findReport(decision.trx, id);
        if (!report) throw notFound(`report ${id}`);
        if (report.status === 'resolved') return unchanged('resolved');
        // The update is the claim: of two moderators resolving at once, only one finds reports still open.
        if ((await repo.resolveOpenReportsOn(decision.trx, report.target_type, report.target_id)) === 0) return unchanged('resolved');
        const remove = input.action === 'remove_content';
        const reason = input.reason ?? DEFAULT_REJECT_REASON;
        await decision.record({ action: 'resolve_report', targetType: 'report', targetId: id, reason: remove ? reason : null });
        if (remove && report.target_type === 'post') await rejectPostIn(decision, report.target_id, reason);
        if (remove && report.target_type === 'comment') await rejectCommentIn(decision, report.target_id, reason);
        return { changed: true, status: 'resolved' };
      }),

    /** Revokes every session at once; viewer.ts refuses writing to a banned user who logs in again. */
    ban: (viewer: Viewer | null, userId: number, reason?: string) =>
      decide(viewer, async ({ trx, me, record }) => {
        if (userId === me.user.id) throw forbidden('moderators cannot ban themselves', '不能禁言自己');
        const user = await findAccount(trx, userId);
        if (!user) throw notFound(`user ${userId}`);
        if (user.role === 'moderator') throw forbidden(`user ${userId} is a moderator`, '不能禁言其他管理员');
        if (!(await banAccount(trx, userId))) return unchanged('banned');
        await record({ action: 'ban_user', targetType: 'user', targetId: userId, reason: reason ?? null });
        return { changed: true, status: 'banned' };
      }),

    unban: (viewer: Viewer | null, userId: number) =>
      decide(viewer, async ({ trx, record }) => {
        const user = await findAccount(trx, userId);
        if (!user) throw notFound(`user ${userId}`);
        if (!(await unbanAccount(trx, userId))) return unchanged('active');
        await record({ action: 'unban_user', targetType: 'user', targetId: userId });
        return { changed: true, status: 'active' };
      }),
  };
}
