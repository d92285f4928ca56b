/** Maps queue and audit-log rows to the moderation contract. */
import type {
  ModerationBan,
  ModerationComment,
  ModerationLogEntry,
  ModerationMedia,
  ModerationNickname,
  ModerationPost,
  ModerationReport,
  MediaStatus,
} from '@wx-community-starter/contract';
import type * as repo from './moderation.repository';

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;
type Row<F extends (...args: never[]) => Promise<unknown[]>> = Rows<F>[number];

const EXCERPT_LENGTH = 80;

export function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

export function presentQueuedPost(row: Row<typeof repo.listPostQueue>, images: { id: string; status: MediaStatus }[]): ModerationPost {
  // The queue query only returns held and checking posts.
  const status = row.status === 'checking' ? 'checking' : 'held';
  return {
    id: row.id,
    boardId: row.board_id,
    title: row.title,
    body: row.body,
    author: { id: row.author_id, nickname: row.author_nickname },
    status,
    awaitingAutomaticCheck: status === 'checking',
    images,
    createdAt: row.created_at,
  };
}

export function presentQueuedComment(row: Row<typeof repo.listCommentQueue>): ModerationComment {
  return {
    id: row.id,
    postId: row.post_id,
    postTitle: row.post_title,
    body: row.body,
    author: { id: row.author_id, nickname: row.author_nickname },
    createdAt: row.created_at,
  };
}

export function presentQueuedMedia(row: Row<typeof repo.listMediaQueue>): ModerationMedia {
  const status = row.status === 'pending' ? 'pending' : 'held';
  return {
    id: row.id,
    owner: { id: row.owner_id, nickname: row.owner_nickname },
    purpose: row.purpose,
    status,
    awaitingWeChat: status === 'pending',
    mimeType: row.mime_type,
    byteSize: row.byte_size,
    width: row.width,
    height: row.height,
    postId: row.post_id,
    contentUrl: `/moderation/media/${row.id}/content`,
    createdAt: row.created_at,
  };
}

export function presentQueuedReport(row: Row<typeof repo.listReportQueue>, target: ModerationReport['target']): ModerationReport {
  return {
    id: row.id,
    reporter: { id: row.reporter_id, nickname: row.reporter_nickname },
    reason: row.reason,
    detail: row.detail,
    targetType: row.target_type,
    targetId: row.target_id,
    target,
    createdAt: row.created_at,
  };
}

export function presentQueuedNickname(row: Row<typeof repo.listNicknameQueue>): ModerationNickname {
  return { userId: row.id, nickname: row.nickname, pendingNickname: row.pending_nickname ?? '', requestedAt: row.updated_at };
}

export function presentBan(row: Row<typeof repo.listBans>, reason: string | null): ModerationBan {
  return { user: { id: row.id, nickname: row.nickname }, bannedAt: row.banned_at, reason };
}

export function presentLogEntry(row: Row<typeof repo.listActions>): ModerationLogEntry {
  return {
    id: row.id,
    moderator: { id: row.moderator_id, nickname: row.moderator_nickname },
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    reason: row.reason,
    createdAt: row.created_at,
  };
}
