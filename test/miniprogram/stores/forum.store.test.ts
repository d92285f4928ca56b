/**
 * @jest-environment node
 */
import { configure, reaction } from 'mobx-miniprogram';
import { ForumStore, toPostSummary } from '../../../miniprogram/stores/forum.store';
import { comment, post, postDetail } from './fixtures';

configure({ enforceActions: 'observed' });

function loadedFeed(ids: number[], nextCursor: string | null = 'c1'): ForumStore {
  const store = new ForumStore();
  const ticket = store.beginFeedLoad('first');
  if (ticket === null) throw new Error('load refused');
  store.applyFeedPage(ticket, 'first', { items: ids.map((id) => post(id)), nextCursor }, 100);
  return store;
}

describe('ForumStore feed', () => {
  it('first load: loading flag, then items, cursor and lastUpdated', () => {
    const store = new ForumStore();
    const ticket = store.beginFeedLoad('first');
    expect(store.feed).toMatchObject({ loading: true, refreshing: false, loaded: false });
    expect(store.beginFeedLoad('first')).toBeNull();
    expect(store.applyFeedPage(ticket as number, 'first', { items: [post(3), post(2)], nextCursor: 'c1' }, 100)).toBe(0);
    expect(store.feed).toMatchObject({ loading: false, loaded: true, nextCursor: 'c1', lastUpdated: 100, error: null });
    expect(store.feed.items.map((p) => p.id)).toEqual([3, 2]);
    expect(store.feedHasMore).toBe(true);
  });

  it('appends the next page after the existing items (same array, for setData by path) and skips duplicates', () => {
    const store = loadedFeed([5, 4]);
    const before = store.feed.items;
    const ticket = store.beginFeedLoad('more') as number;
    const start = store.applyFeedPage(ticket, 'more', { items: [post(4), post(3), post(2)], nextCursor: null }, 200);
    expect(start).toBe(2);
    expect(store.feed.items.map((p) => p.id)).toEqual([5, 4, 3, 2]);
    expect(store.feed.items).toBe(before);
    expect(store.feedHasMore).toBe(false);
    expect(store.beginFeedLoad('more')).toBeNull();
  });

  it('refresh replaces the items and wins over a next page still on its way', () => {
    const store = loadedFeed([5, 4]);
    const more = store.beginFeedLoad('more') as number;
    const refresh = store.beginFeedLoad('refresh') as number;
    expect(store.feed).toMatchObject({ refreshing: true, loading: false });
    expect(store.feed.items).toHaveLength(2);
    expect(store.applyFeedPage(refresh, 'refresh', { items: [post(9), post(5)], nextCursor: 'c2' }, 300)).toBe(0);
    expect(store.applyFeedPage(more, 'more', { items: [post(3)], nextCursor: null }, 301)).toBeNull();
    expect(store.feed.items.map((p) => p.id)).toEqual([9, 5]);
    expect(store.feed.nextCursor).toBe('c2');
  });

  it('a failure keeps the items and records the message; the empty state needs a successful empty load', () => {
    const store = loadedFeed([1]);
    const ticket = store.beginFeedLoad('refresh') as number;
    store.failFeedLoad(ticket, '网络不太稳定，请稍后重试');
    expect(store.feed).toMatchObject({ refreshing: false, error: '网络不太稳定，请稍后重试' });
    expect(store.feed.items).toHaveLength(1);
    expect(store.feedIsEmpty).toBe(false);
    const empty = new ForumStore();
    empty.applyFeedPage(empty.beginFeedLoad('first') as number, 'first', { items: [], nextCursor: null }, 1);
    expect(empty.feedIsEmpty).toBe(true);
  });

  it('switching board drops the old items and any page still on its way', () => {
    const store = loadedFeed([1, 2]);
    const stale = store.beginFeedLoad('more') as number;
    store.selectBoard(4);
    expect(store.feed.items).toEqual([]);
    expect(store.applyFeedPage(stale, 'more', { items: [post(3)], nextCursor: null }, 1)).toBeNull();
    expect(store.feed.items).toEqual([]);
  });

  it('shows a cached feed only before real data, and marks it as cached', () => {
    const store = new ForumStore();
    expect(store.showCachedFeed([post(7)], null, 50)).toBe(true);
    expect(store.feed).toMatchObject({ fromCache: true, loaded: false, lastUpdated: 50 });
    const ticket = store.beginFeedLoad('refresh') as number;
    store.applyFeedPage(ticket, 'refresh', { items: [post(8)], nextCursor: null }, 60);
    expect(store.feed.fromCache).toBe(false);
    expect(store.showCachedFeed([post(7)], null, 70)).toBe(false);
    expect(store.feed.items.map((p) => p.id)).toEqual([8]);
  });

  it('a created post goes first in the feed and my posts with its review state; delete removes it everywhere', () => {
    const store = loadedFeed([2, 1]);
    store.upsertCreatedPost(postDetail(10, { status: 'held', body: '这是'.repeat(50) }));
    expect(store.feed.items[0]).toMatchObject({ id: 10, status: 'held' });
    expect(store.feed.items[0]?.excerpt).toHaveLength(53);
    expect(store.myPosts.items.map((p) => p.id)).toEqual([10]);
    store.upsertCreatedPost(postDetail(10, { status: 'published' }));
    expect(store.feed.items.filter((p) => p.id === 10)).toEqual([expect.objectContaining({ status: 'published' })]);
    store.removePost(10);
    expect(store.feed.items.map((p) => p.id)).toEqual([2, 1]);
    expect(store.myPosts.items).toEqual([]);
    expect(store.posts[10]).toBeUndefined();
  });

  it('a created post of another board does not enter a board-filtered feed', () => {
    const store = new ForumStore();
    store.selectBoard(2);
    store.upsertCreatedPost(postDetail(11, { boardId: 3 }));
    expect(store.feed.items).toEqual([]);
    expect(store.myPosts.items.map((p) => p.id)).toEqual([11]);
  });

  it('toPostSummary keeps the shared fields and drops body and isMine', () => {
    const summary = toPostSummary(postDetail(3, { body: '短正文' }));
    expect(summary).toEqual({ ...post(3), excerpt: '短正文' });
  });
});

describe('ForumStore comments', () => {
  it('pages comments per post, counts a published new comment, hides nothing from its author', () => {
    const store = loadedFeed([1]);
    store.setPost(postDetail(1, { commentCount: 2 }));
    const ticket = store.beginCommentsLoad(1, 'first') as number;
    store.applyCommentsPage(1, ticket, 'first', { items: [comment(1, 1), comment(2, 1)], nextCursor: 'k' }, 1);
    const more = store.beginCommentsLoad(1, 'more') as number;
    expect(store.applyCommentsPage(1, more, 'more', { items: [comment(3, 1)], nextCursor: null }, 2)).toBe(2);
    expect(store.commentsOf(1).items.map((c) => c.id)).toEqual([1, 2, 3]);

    store.upsertComment(comment(4, 1, { isMine: true }));
    store.upsertComment(comment(5, 1, { isMine: true, status: 'held' }));
    expect(store.commentsOf(1).items.map((c) => [c.id, c.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
      [3, 'published'],
      [4, 'published'],
      [5, 'held'],
    ]);
    expect(store.posts[1]?.commentCount).toBe(3);
    expect(store.feed.items[0]?.commentCount).toBe(3);

    store.removeComment(1, 4);
    store.removeComment(1, 5);
    expect(store.posts[1]?.commentCount).toBe(2);
    expect(store.feed.items[0]?.commentCount).toBe(2);
    expect(store.commentsOf(1).items.map((c) => c.id)).toEqual([1, 2, 3]);
  });

  it('an unknown post has an empty, unloaded comment list', () => {
    expect(new ForumStore().commentsOf(42)).toMatchObject({ items: [], loaded: false });
  });

  it('observers react to an appended page', () => {
    const store = loadedFeed([1]);
    const lengths: number[] = [];
    const dispose = reaction(
      () => store.feed.items.length,
      (length) => lengths.push(length),
    );
    const ticket = store.beginFeedLoad('more') as number;
    store.applyFeedPage(ticket, 'more', { items: [post(0)], nextCursor: null }, 1);
    dispose();
    expect(lengths).toEqual([2]);
  });
});
