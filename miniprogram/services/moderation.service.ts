/**
 * Moderation (moderators only): the queues of held content, images, reports and nicknames, the
 * ban list and the audit log, and the decisions on them; images only moderators may see are
 * downloaded with the token (an <image> cannot send it). One function per endpoint under /moderation; writes reject with
 * ApiRequestError so the page can show its userMessage.
 */
import type {
  ModerationBan,
  ModerationComment,
  ModerationLogEntry,
  ModerationMedia,
  ModerationNickname,
  ModerationPost,
  ModerationReport,
  ModerationResult,
  ModerationSummary,
  Page,
} from '../../typings/api';
import { transport } from './transport';

const QUEUE_SIZE = 20;

export type ModerationQueue = 'posts' | 'comments' | 'media' | 'reports' | 'nicknames' | 'bans' | 'actions';

export interface ModerationQueueItems {
  posts: ModerationPost;
  comments: ModerationComment;
  media: ModerationMedia;
  reports: ModerationReport;
  nicknames: ModerationNickname;
  bans: ModerationBan;
  actions: ModerationLogEntry;
}

/** GET /moderation/{posts|comments|media|reports|nicknames} (oldest first), /bans and /actions (newest first) */
export function getQueue<Q extends ModerationQueue>(queue: Q, cursor?: string): Promise<Page<ModerationQueueItems[Q]>> {
  return transport.request<Page<ModerationQueueItems[Q]>>({ path: `/moderation/${queue}`, query: { cursor, limit: QUEUE_SIZE } });
}

/** GET /moderation/summary: counts per queue and the age of the oldest content WeChat has not judged */
export function getSummary(): Promise<ModerationSummary> {
  return transport.request<ModerationSummary>({ path: '/moderation/summary' });
}

function decide(path: string, body: object = {}): Promise<ModerationResult> {
  return transport.request<ModerationResult>({ method: 'POST', path, body });
}

/** POST /moderation/posts/:id/approve */
export const approvePost = (id: number) => decide(`/moderation/posts/${id}/approve`);
/** POST /moderation/posts/:id/reject (the reason is shown to the author; the server has a default) */
export const rejectPost = (id: number, reason?: string) => decide(`/moderation/posts/${id}/reject`, reason ? { reason } : {});
/** POST /moderation/comments/:id/approve */
export const approveComment = (id: number) => decide(`/moderation/comments/${id}/approve`);
/** POST /moderation/comments/:id/reject */
export const rejectComment = (id: number, reason?: string) => decide(`/moderation/comments/${id}/reject`, reason ? { reason } : {});
/** POST /moderation/media/:id/approve */
export const approveMedia = (id: string) => decide(`/moderation/media/${id}/approve`);
/** POST /moderation/media/:id/reject */
export const rejectMedia = (id: string, reason?: string) => decide(`/moderation/media/${id}/reject`, reason ? { reason } : {});
/** POST /moderation/reports/:id/resolve: 'none' keeps the content, 'remove_content' also rejects it */
export const resolveReport = (id: number, action: 'none' | 'remove_content', reason?: string) =>
  decide(`/moderation/reports/${id}/resolve`, reason ? { action, reason } : { action });
/** POST /moderation/users/:id/ban: sessions revoked, writing refused */
export const banUser = (id: number, reason?: string) => decide(`/moderation/users/${id}/ban`, reason ? { reason } : {});
/** POST /moderation/users/:id/unban */
export const unbanUser = (id: number) => decide(`/moderation/users/${id}/unban`);
/** POST /moderation/nicknames/:userId/approve */
export const approveNickname = (userId: number) => decide(`/moderation/nicknames/${userId}/approve`);
/** POST /moderation/nicknames/:userId/reject (the old nickname stays) */
export const rejectNickname = (userId: number) => decide(`/moderation/nicknames/${userId}/reject`);
/** GET /moderation/media/:id/content with the moderator's token; resolves with a temp path for <image>. */
export const downloadModerationImage = (mediaId: string) => transport.download({ path: `/moderation/media/${mediaId}/content` });
