/**
 * What the forum pages show: boards, the feed (optionally one board), pinned posts, post details
 * by id, comments by post id and the user's own posts. State only: the forum service fetches and
 * calls these actions. Pages bind to the lists and, for long lists, setData by path from the
 * start index that the append actions return.
 */
import { makeAutoObservable } from 'mobx-miniprogram';
import type { Board, Comment, Page, PostDetail, PostSummary } from '../../typings/api';
import {
  applyPage,
  beginLoad,
  emptyList,
  failLoad,
  hasMore,
  isEmpty,
  removeItem,
  replaceItem,
  type LoadMode,
  type PagedList,
} from './paged-list';

/** Same length as the server's excerpts, and as many images, so a just-created post looks like the others. */
const EXCERPT_LENGTH = 52;
const SUMMARY_IMAGES = 3;

export function toPostSummary(post: PostDetail): PostSummary {
  const { body, isMine: _isMine, images, ...fields } = post;
  return {
    ...fields,
    images: images.slice(0, SUMMARY_IMAGES),
    imageCount: images.length,
    excerpt: body.length > EXCERPT_LENGTH ? `${body.slice(0, EXCERPT_LENGTH)}…` : body,
  };
}

export class ForumStore {
  boards: Board[] = [];
  /** Why the last boards load failed; null after a success. */
  boardsError: string | null = null;
  /** The board the feed shows; null = all boards. */
  feedBoardId: number | null = null;
  feed: PagedList<PostSummary> = emptyList();
  pinned: PostSummary[] = [];
  posts: Record<number, PostDetail> = {};
  comments: Record<number, PagedList<Comment>> = {};
  myPosts: PagedList<PostSummary> = emptyList();

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  get feedHasMore(): boolean {
    return hasMore(this.feed);
  }

  get feedIsEmpty(): boolean {
    return isEmpty(this.feed);
  }

  get myPostsHasMore(): boolean {
    return hasMore(this.myPosts);
  }

  boardName(boardId: number): string {
    return this.boards.find((board) => board.id === boardId)?.name ?? '';
  }

  commentsOf(postId: number): PagedList<Comment> {
    return this.comments[postId] ?? emptyList<Comment>();
  }

  setBoards(boards: Board[]): void {
    this.boards = boards;
    this.boardsError = null;
  }

  /** The boards could not be loaded: compose shows why, with a retry. */
  failBoards(message: string): void {
    this.boardsError = message;
  }

  /** The boards a writer may post to: staff-only ones (公告) only for moderators. */
  boardsFor(isModerator: boolean): Board[] {
    return this.boards.filter((board) => isModerator || !board.staffOnly);
  }

  setPinned(items: PostSummary[]): void {
    this.pinned = items;
  }

  /** Switches the feed to a board (null: all); the old board's items and pending loads are dropped. */
  selectBoard(boardId: number | null): void {
    if (boardId === this.feedBoardId) return;
    const ticket = this.feed.ticket;
    this.feedBoardId = boardId;
    this.feed = { ...emptyList<PostSummary>(), ticket: ticket + 1 };
  }

  // --- feed -------------------------------------------------------------------------------

  beginFeedLoad(mode: LoadMode): number | null {
    return beginLoad(this.feed, mode);
  }

  /** Returns the index of the first new item, or null when the page was stale. */
  applyFeedPage(ticket: number, mode: LoadMode, page: Page<PostSummary>, now: number): number | null {
    return applyPage(this.feed, ticket, mode, page, now);
  }

  failFeedLoad(ticket: number, message: string): void {
    failLoad(this.feed, ticket, message);
  }

  /** Warm start: shows the last feed at once, unless real data already arrived. */
  showCachedFeed(items: PostSummary[], nextCursor: string | null, savedAt: number): boolean {
    if (this.feed.loaded || this.feed.items.length > 0 || this.feedBoardId !== null) return false;
    this.feed.items = items;
    this.feed.nextCursor = nextCursor;
    this.feed.lastUpdated = savedAt;
    this.feed.fromCache = true;
    return true;
  }

  // --- posts ------------------------------------------------------------------------------

  setPost(post: PostDetail): void {
    this.posts[post.id] = post;
    const summary = toPostSummary(post);
    replaceItem(this.feed, summary);
    replaceItem(this.myPosts, summary);
    const pinnedIndex = this.pinned.findIndex((item) => item.id === post.id);
    if (pinnedIndex >= 0) this.pinned[pinnedIndex] = summary;
  }

  /**
   * A post the user just created: first in the feed (when the feed shows its board) and in "my
   * posts", with its review state (审核中 / 检测中) visible to its author.
   */
  upsertCreatedPost(post: PostDetail): void {
    this.posts[post.id] = post;
    const summary = toPostSummary(post);
    if (!replaceItem(this.feed, summary) && (this.feedBoardId === null || this.feedBoardId === post.boardId)) {
      this.feed.items.unshift(summary);
    }
    if (!replaceItem(this.myPosts, summary)) this.myPosts.items.unshift(summary);
  }

  removePost(postId: number): void {
    delete this.posts[postId];
    delete this.comments[postId];
    removeItem(this.feed, postId);
    removeItem(this.myPosts, postId);
    this.pinned = this.pinned.filter((item) => item.id !== postId);
  }

  // --- comments ---------------------------------------------------------------------------

  private commentList(postId: number): PagedList<Comment> {
    let list = this.comments[postId];
    if (!list) {
      this.comments[postId] = emptyList<Comment>();
      list = this.comments[postId] as PagedList<Comment>;
    }
    return list;
  }

  beginCommentsLoad(postId: number, mode: LoadMode): number | null {
    return beginLoad(this.commentList(postId), mode);
  }

  applyCommentsPage(postId: number, ticket: number, mode: LoadMode, page: Page<Comment>, now: number): number | null {
    return applyPage(this.commentList(postId), ticket, mode, page, now);
  }

  failCommentsLoad(postId: number, ticket: number, message: string): void {
    failLoad(this.commentList(postId), ticket, message);
  }

  /** A comment the user just wrote: appended (oldest first, like the server), shown with its review state. */
  upsertComment(comment: Comment): void {
    const list = this.commentList(comment.postId);
    if (replaceItem(list, comment)) return;
    list.items.push(comment);
    if (comment.status === 'published') this.changeCommentCount(comment.postId, 1);
  }

  removeComment(postId: number, commentId: number): void {
    const list = this.comments[postId];
    const removed = list ? removeItem(list, commentId) : null;
    if (removed?.status === 'published') this.changeCommentCount(postId, -1);
  }

  private changeCommentCount(postId: number, delta: number): void {
    const detail = this.posts[postId];
    if (detail) detail.commentCount = Math.max(0, detail.commentCount + delta);
    for (const item of [...this.feed.items, ...this.pinned, ...this.myPosts.items]) {
      if (item.id === postId) item.commentCount = Math.max(0, item.commentCount + delta);
    }
  }

  // --- my posts ---------------------------------------------------------------------------

  beginMyPostsLoad(mode: LoadMode): number | null {
    return beginLoad(this.myPosts, mode);
  }

  applyMyPostsPage(ticket: number, mode: LoadMode, page: Page<PostSummary>, now: number): number | null {
    return applyPage(this.myPosts, ticket, mode, page, now);
  }

  failMyPostsLoad(ticket: number, message: string): void {
    failLoad(this.myPosts, ticket, message);
  }

  /** Signing out or switching account: drop what belonged to the previous user. */
  forgetPersonal(): void {
    this.myPosts = emptyList();
    this.posts = {};
    this.comments = {};
  }
}
