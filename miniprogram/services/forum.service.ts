/**
 * What the forum pages ask for: the loaders that call the forum endpoints and put the results
 * into forum.store, recording failures there (a list load never rejects: the page renders the
 * store's error state), and the writes (post, comment, report, delete), which reject with
 * ApiRequestError so the page can show its userMessage. The feed cache is refreshed on the way.
 */
import type { Comment, CreateCommentBody, CreatePostBody, CreateReportBody, PostDetail } from '../../typings/api';
import { forumStore } from '../stores';
import type { LoadMode } from '../stores/paged-list';
import { cachedFeed, saveFeedCache } from './feed-cache.service';
import {
  createComment,
  createPost,
  createReport,
  deleteComment,
  deletePost,
  getBoards,
  getComments,
  getMyPosts,
  getPost,
  getPosts,
} from './forum-endpoints.service';
import { userMessageOf } from './transport';

export async function loadBoards(): Promise<void> {
  try {
    forumStore.setBoards(await getBoards());
  } catch (error) {
    // The feed works without boards (they are a filter); compose cannot, and shows this with a retry.
    forumStore.failBoards(userMessageOf(error));
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
