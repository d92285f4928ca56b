/**
 * Forum home (tab): pinned posts and the latest feed, filtered by board. Cold start shows the
 * cached feed at once and requests the first page in onLoad, alongside the silent login the app
 * started (never waiting for it). Next pages are appended by path (`feed.items[i]`), so a long
 * feed never re-sends what is already on screen. When the server cannot be reached and nothing
 * is cached, the error state carries the bundled welcome and rules: the page is never blank.
 */
import { toJS } from 'mobx-miniprogram';
import type { Board, PostSummary } from '../../../typings/api';
import { bundledArticles } from '../../data/bundled-content';
import { loadBoards, loadFeed, loadPinned, openFeed } from '../../services/forum.service';
import { forumStore, sessionStore } from '../../stores/index';
import { openCompose, openPost, openProfile } from '../../routes';

interface BoardChip {
  id: number;
  name: string;
}

function plain<T>(value: T): T {
  return toJS(value);
}

function boardChips(boards: Board[]): BoardChip[] {
  return [{ id: 0, name: '全部' }, ...boards.map((board) => ({ id: board.id, name: board.name }))];
}

/** Where the 发帖 button leads: compose, the profile form first, or nowhere (with a reason). */
export function composeTarget(): 'compose' | 'profile' | { message: string } {
  if (sessionStore.canPost) return 'compose';
  if (sessionStore.isBanned) return { message: '账号已被限制发言' };
  if (sessionStore.nicknamePending) return { message: '昵称审核中，通过后就可以发帖了' };
  return 'profile';
}

Component({
  data: {
    boards: [{ id: 0, name: '全部' }] as BoardChip[],
    activeBoardId: 0,
    pinned: [] as PostSummary[],
    feed: { items: [] as PostSummary[] },
    /** First page on its way and nothing to show yet: the skeleton. */
    loading: true,
    loadingMore: false,
    hasMore: false,
    empty: false,
    /** Load failed and nothing on screen: the error state with bundled content. */
    error: '',
    /** Load failed over cached items: a small notice above them. */
    notice: '',
    retrying: false,
    bundled: bundledArticles,
  },
  methods: {
    onLoad() {
      this.setData({ activeBoardId: forumStore.feedBoardId ?? 0 });
      const opening = openFeed();
      this.syncFeed();
      void opening.then(() => this.syncFeed());
      void loadPinned().then(() => this.syncPinned());
      void loadBoards().then(() => this.setData({ boards: boardChips(forumStore.boards) }));
    },

    onShow() {
      // Coming back from compose or a deleted post: the store changed the list under us.
      const shown = this.data.feed.items.map((item) => `${item.id}:${item.status}:${item.commentCount}`).join();
      const current = forumStore.feed.items.map((item) => `${item.id}:${item.status}:${item.commentCount}`).join();
      if (shown !== current) this.syncFeed();
    },

    async onPullDownRefresh() {
      try {
        await Promise.all([loadFeed('refresh'), loadPinned()]);
        this.syncFeed();
        this.syncPinned();
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    onReachBottom() {
      void this.loadMore();
    },

    /** Appends the next page by path: only the new items travel through setData. */
    async loadMore() {
      if (!forumStore.feedHasMore || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const start = await loadFeed('more');
      const patch: Record<string, unknown> = { loadingMore: false, hasMore: forumStore.feedHasMore };
      if (start !== null) {
        const items = forumStore.feed.items;
        for (let i = start; i < items.length; i += 1) patch[`feed.items[${i}]`] = plain(items[i]);
      } else if (forumStore.feed.error) {
        wx.showToast({ title: forumStore.feed.error, icon: 'none' });
      }
      this.setData(patch);
    },

    /** The whole list: first page, refresh, board switch, return from another page. */
    syncFeed() {
      const feed = forumStore.feed;
      const items = plain(feed.items);
      this.setData({
        'feed.items': items,
        loading: feed.loading && items.length === 0,
        hasMore: forumStore.feedHasMore,
        empty: forumStore.feedIsEmpty,
        error: feed.error !== null && items.length === 0 ? feed.error : '',
        notice: feed.error !== null && items.length > 0 ? feed.error : '',
        retrying: false,
      });
    },

    syncPinned() {
      this.setData({ pinned: plain(forumStore.pinned) });
    },

    async onRetry() {
      this.setData({ retrying: true });
      const first = forumStore.feed.items.length === 0 ? 'first' : 'refresh';
      await Promise.all([loadFeed(first), loadPinned(), forumStore.boards.length ? Promise.resolve() : loadBoards()]);
      this.setData({ boards: boardChips(forumStore.boards) });
      this.syncPinned();
      this.syncFeed();
    },

    async onSelectBoard(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: number }>) {
      const id = Number(event.currentTarget.dataset.id);
      if (id === this.data.activeBoardId) return;
      forumStore.selectBoard(id === 0 ? null : id);
      this.setData({ activeBoardId: id, 'feed.items': [], loading: true, empty: false, error: '', notice: '' });
      await loadFeed('first');
      this.syncFeed();
    },

    onOpenPost(event: WechatMiniprogram.CustomEvent<{ id: number }>) {
      openPost(event.detail.id);
    },

    onCompose() {
      const target = composeTarget();
      if (target === 'compose') openCompose();
      else if (target === 'profile') openProfile();
      else wx.showToast({ title: target.message, icon: 'none' });
    },
  },
});
