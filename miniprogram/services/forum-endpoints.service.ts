/**
 * The forum's endpoints, one function per endpoint (boards, posts, comments, reports, my posts):
 * requests and typed answers only, no store and no storage. Failures reject with ApiRequestError.
 */
import type {
  Board,
  Comment,
  CreateCommentBody,
  CreatePostBody,
  CreateReportBody,
  Page,
  PostDetail,
  PostsQuery,
  PostSummary,
  ReportReceipt,
} from '../../typings/api';
import { transport } from './transport';

export const PAGE_SIZE = 20;

/** GET /boards */
export async function getBoards(): Promise<Board[]> {
  const result = await transport.request<{ items: Board[] }>({ path: '/boards' });
  return result.items;
}

/** GET /posts (published posts, newest first; pinned: true → only pinned) */
export function getPosts(query: PostsQuery = {}): Promise<Page<PostSummary>> {
  return transport.request<Page<PostSummary>>({ path: '/posts', query: { limit: PAGE_SIZE, ...query } });
}

/** GET /posts/:id (its author also sees it while held or checking) */
export function getPost(postId: number): Promise<PostDetail> {
  return transport.request<PostDetail>({ path: `/posts/${postId}` });
}

/** POST /posts → 201 PostDetail with its review state */
export function createPost(body: CreatePostBody): Promise<PostDetail> {
  return transport.request<PostDetail>({ method: 'POST', path: '/posts', body });
}

/** DELETE /posts/:id → 204 */
export function deletePost(postId: number): Promise<void> {
  return transport.request<void>({ method: 'DELETE', path: `/posts/${postId}` });
}

/** GET /posts/:id/comments (oldest first) */
export function getComments(postId: number, cursor?: string): Promise<Page<Comment>> {
  return transport.request<Page<Comment>>({ path: `/posts/${postId}/comments`, query: { cursor, limit: PAGE_SIZE } });
}

/** POST /posts/:id/comments → 201 Comment */
export function createComment(postId: number, body: CreateCommentBody): Promise<Comment> {
  return transport.request<Comment>({ method: 'POST', path: `/posts/${postId}/comments`, body });
}

/** DELETE /comments/:id → 204 */
export function deleteComment(commentId: number): Promise<void> {
  return transport.request<void>({ method: 'DELETE', path: `/comments/${commentId}` });
}

/** POST /reports → 201 with a message to show */
export function createReport(body: CreateReportBody): Promise<ReportReceipt> {
  return transport.request<ReportReceipt>({ method: 'POST', path: '/reports', body });
}

/** GET /me/posts (every state, for their author) */
export function getMyPosts(cursor?: string): Promise<Page<PostSummary>> {
  return transport.request<Page<PostSummary>>({ path: '/me/posts', query: { cursor, limit: PAGE_SIZE } });
}
