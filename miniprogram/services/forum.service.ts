/**
 * Forum I/O: one function per endpoint (boards, posts, comments, reports, my posts), and the
 * loaders that put results into forum.store and record failures there (a list load never
 * rejects: the page renders the store's error state). Writes reject with ApiRequestError so the
 * page can show its userMessage. Also the warm-start feed cache.
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
import { forumStore } from '../stores';
import type { LoadMode } from '../stores/paged-list';
import { isRecord, readStored, StorageKeys, writeStored } from './storage.service';
import { transport, userMessageOf } from './transport';

export const PAGE_SIZE = 20;

// --- endpoints --------------------------------------------------------------------------------

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

// --- loaders: results into forum.store --------------------------------------------------------

export async function loadBoards(): Promise<void> {
  try {
    forumStore.setBoards(await getBoards());
  } catch {
    // Boards are a filter: the feed works without them, and the next load tries again.
  }
}

export async function loadPinned(): Promise<void> {
  try {
    const page = await getPosts({ pinned: true });
    forumStore.setPinned(page.items);
  } catch {
    // Pinned posts are an extra above the feed; its own error state covers a failing server.
  }
}

/**
 * Loads the feed: 'first' (nothing shown yet), 'refresh' (pull-down: replaces the items when the
 * answer arrives) or 'more' (appends the next page). Resolves with the index of the first new
 * item, or null when nothing was applied (already loading, no more pages, stale, failed).
 */
export async function loadFeed(mode: LoadMode): Promise<number | null> {
  const ticket = forumStore.beginFeedLoad(mode);
  if (ticket === null) return null;
  const boardId = forumStore.feedBoardId;
  const cursor = mode === 'more' ? forumStore.feed.nextCursor : null;
  try {
    const page = await getPosts({ ...(boardId !== null ? { boardId } : {}), ...(cursor ? { cursor } : {}) });
    const start = forumStore.applyFeedPage(ticket, mode, page, Date.now());
    if (start !== null && mode !== 'more') saveFeedCache();
    return start;
  } catch (error) {
    forumStore.failFeedLoad(ticket, userMessageOf(error));
    return null;
  }
}

/** Loads a post's detail into the store; rejects (e.g. 404 内容不存在或已被删除) for the page to explain. */
export async function loadPost(postId: number): Promise<PostDetail> {
  const post = await getPost(postId);
  forumStore.setPost(post);
  return post;
}

export async function loadComments(postId: number, mode: LoadMode): Promise<number | null> {
  const ticket = forumStore.beginCommentsLoad(postId, mode);
  if (ticket === null) return null;
  const cursor = mode === 'more' ? forumStore.commentsOf(postId).nextCursor : null;
  try {
    const page = await getComments(postId, cursor ?? undefined);
    return forumStore.applyCommentsPage(postId, ticket, mode, page, Date.now());
  } catch (error) {
    forumStore.failCommentsLoad(postId, ticket, userMessageOf(error));
    return null;
  }
}

export async function loadMyPosts(mode: LoadMode): Promise<number | null> {
  const ticket = forumStore.beginMyPostsLoad(mode);
  if (ticket === null) return null;
  const cursor = mode === 'more' ? forumStore.myPosts.nextCursor : null;
  try {
    const page = await getMyPosts(cursor ?? undefined);
    return forumStore.applyMyPostsPage(ticket, mode, page, Date.now());
  } catch (error) {
    forumStore.failMyPostsLoad(ticket, userMessageOf(error));
    return null;
  }
}

/** Creates a post and shows it to its author at once (with 审核中 / 检测中 when not published). */
export async function submitPost(body: CreatePostBody): Promise<PostDetail> {
  const post = await createPost(body);
  forumStore.upsertCreatedPost(post);
  return post;
}

export async function submitComment(postId: number, body: CreateCommentBody): Promise<Comment> {
  const comment = await createComment(postId, body);
  forumStore.upsertComment(comment);
  return comment;
}

export async function removePost(postId: number): Promise<void> {
  await deletePost(postId);
  forumStore.removePost(postId);
  saveFeedCache();
}

export async function removeComment(postId: number, commentId: number): Promise<void> {
  await deleteComment(commentId);
  forumStore.removeComment(postId, commentId);
}

/** Resolves with the server's acknowledgement text (e.g. 已收到举报，我们会尽快处理). */
export async function submitReport(body: CreateReportBody): Promise<string> {
  const receipt = await createReport(body);
  return receipt.message;
}

// --- warm-start cache -------------------------------------------------------------------------

/** Kept small: the first screenful is what a warm start needs (storage allows 1 MB per key). */
const CACHED_ITEMS = PAGE_SIZE;

export interface FeedCache {
  items: PostSummary[];
  nextCursor: string | null;
  savedAt: number;
}

function isFeedCache(value: unknown): value is FeedCache {
  return (
    isRecord(value) &&
    Array.isArray(value.items) &&
    value.items.every((item) => isRecord(item) && typeof item.id === 'number' && typeof item.title === 'string') &&
    (value.nextCursor === null || typeof value.nextCursor === 'string') &&
    typeof value.savedAt === 'number'
  );
}

/** The last public feed shown (all boards), or null. */
export function cachedFeed(): FeedCache | null {
  return readStored(StorageKeys.feedCache, isFeedCache);
}

/**
 * Saves the first screenful of the all-boards feed. Only published posts are cached: the cache
 * is public content, not the author's own held posts. Keeps the cursor only when nothing was cut.
 */
export function saveFeedCache(now: number = Date.now()): boolean {
  if (forumStore.feedBoardId !== null || !forumStore.feed.loaded) return false;
  const published = forumStore.feed.items.filter((item) => item.status === 'published');
  const items = published.slice(0, CACHED_ITEMS);
  const cache: FeedCache = {
    items,
    nextCursor: items.length === published.length ? forumStore.feed.nextCursor : null,
    savedAt: now,
  };
  return writeStored(StorageKeys.feedCache, cache);
}

/** Warm start: puts the cached feed on screen at once (the caller then refreshes). */
export function showCachedFeed(): boolean {
  const cache = cachedFeed();
  if (!cache || cache.items.length === 0) return false;
  return forumStore.showCachedFeed(cache.items, cache.nextCursor, cache.savedAt);
}

/**
 * Opening the feed: the cached copy (if any) goes on screen at once and the first page is
 * requested straight away (as a refresh over the cache, or as the first load).
 */
export function openFeed(): Promise<number | null> {
  const shownFromCache = showCachedFeed();
  return loadFeed(shownFromCache ? 'refresh' : 'first');
}
