/** Maps post and comment rows to the API contract, with the author-only review messages. */
import type { Board, Comment, Image, PostDetail, PostSummary } from '@wx-community-starter/contract';
import type { ContentStatus, MediaStatus } from '../../db/schema';
import { publicMediaPath } from '../../lib/media-paths';
import type { Viewer } from '../auth/viewer';
import type { CommentWithAuthor } from './comments.repository';
import type { PostSummaryRow, PostWithAuthor } from './posts.repository';

const DEFAULT_NICKNAME = '社区成员';

/**
 * The author reads these beside the state's own label (检测中 / 审核中 / 未通过审核, in the mini
 * program's utils/content-status.ts) and alone in a toast: they say what happens next, never
 * the state's name again.
 */
export function reviewMessage(status: ContentStatus, reason: string | null): string | undefined {
  switch (status) {
    case 'checking':
      return '安全检查通过后其他人就能看到';
    case 'held':
      return '管理员确认后其他人就能看到';
    case 'rejected':
      return reason ?? '仅你自己可见';
    case 'published':
      return undefined;
  }
}

function author(id: number, nickname: string | null, avatarMediaId: string | null) {
  return { id, nickname: nickname ?? DEFAULT_NICKNAME, avatarUrl: publicMediaPath(avatarMediaId) };
}

export interface PostImageRow {
  post_id: number;
  id: string;
  status: MediaStatus;
  width: number;
  height: number;
}

function presentImage(row: PostImageRow): Image {
  return {
    id: row.id,
    status: row.status,
    url: row.status === 'approved' ? publicMediaPath(row.id) : null,
    width: row.width,
    height: row.height,
  };
}

/** The contract omits reviewMessage for published content rather than sending null. */
function reviewMessageOf(status: ContentStatus, reason: string | null): { reviewMessage?: string } {
  const message = reviewMessage(status, reason);
  return message === undefined ? {} : { reviewMessage: message };
}

export function presentBoard(row: { id: number; slug: string; name: string; description: string; staff_only: number }): Board {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, staffOnly: row.staff_only === 1 };
}

function presentPostFields(row: PostSummaryRow, images: PostImageRow[]) {
  return {
    id: row.id,
    boardId: row.board_id,
    title: row.title,
    author: author(row.author_id, row.author_nickname, row.author_avatar_media_id),
    pinned: row.pinned === 1,
    commentCount: row.comment_count,
    status: row.status,
    ...reviewMessageOf(row.status, row.reject_reason),
    images: images.filter((image) => image.post_id === row.id).map(presentImage),
    createdAt: row.created_at,
  };
}

/**
 * A card shows three thumbnails, so a list sends three images and the count: the bench's page of
 * nine-image posts cost 37 KB of setData per appended page with every image, against a 20 KB goal.
 */
export const SUMMARY_IMAGES = 3;

export function presentPostSummary(row: PostSummaryRow, images: PostImageRow[]): PostSummary {
  const fields = presentPostFields(row, images);
  return { ...fields, images: fields.images.slice(0, SUMMARY_IMAGES), imageCount: fields.images.length, excerpt: row.excerpt };
}

export function presentPostDetail(row: PostWithAuthor, images: PostImageRow[], viewer: Viewer | null): PostDetail {
  return { ...presentPostFields(row, images), body: row.body, isMine: viewer?.user.id === row.author_id };
}

export function presentComment(row: CommentWithAuthor, viewer: Viewer | null): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    body: row.body,
    author: author(row.author_id, row.author_nickname, row.author_avatar_media_id),
    status: row.status,
    ...reviewMessageOf(row.status, row.reject_reason),
    isMine: viewer?.user.id === row.author_id,
    createdAt: row.created_at,
  };
}
