/**
 * Forum home (tab): pinned posts and the latest feed, filtered by board. Cold start shows the
 * cached feed at once and requests the first page in onLoad, alongside the silent login the app
 * started (never waiting for it). Next pages are appended by path (`feed.items[i]`), so a long
 * feed never re-sends what is already on screen. When the server cannot be reached and nothing
 * is cached, the error state carries the bundled welcome and rules: the page is never blank.
 */
import { toJS } from 'mobx-miniprogram';
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { Board } from '../../../typings/api';
import { bundledArticles } from '../../data/bundled-content';
import { openCompose, openPost } from '../../routes';
import { loadBoards, loadFeed, loadPinned, openFeed } from '../../services/forum.service';
import { forumStore, sessionStore } from '../../stores/index';
import type { WriteAccess } from '../../stores/session.store';
import { bindPaths, unbindPaths } from '../../utils/path-bindings';
import { allowWrite } from '../../utils/write-gate';

interface BoardChip {
  id: number;
  name: string;
}

function boardChips(boards: Board[]): BoardChip[] {
  return [{ id: 0, name: '全部' }, ...boards.map((board) => ({ id: board.id, name: board.name }))];
}

ComponentWithStore({
  storeBindings: {
    store: forumStore,
    fields: {
      boards: () => boardChips(forumStore.boards),
      activeBoardId: () => forumStore.feedBoardId ?? 0,
      // toJS reads every field, so a comment count changed in place is re-sent too.
      pinned: () => toJS(forumStore.pinned),
      /** First page on its way and nothing to show yet: the skeleton. */
      loading: () => forumStore.feed.loading && forumStore.feed.items.length === 0,
      hasMore: () => forumStore.feedHasMore,
      empty: () => forumStore.feedIsEmpty,
      /** Load failed and nothing on screen: the error state with bundled content. */
      error: () => (forumStore.feed.error !== null && forumStore.feed.items.length === 0 ? forumStore.feed.error : ''),
      /** Load failed over cached items: a small notice above them. */
      notice: () => (forumStore.feed.error !== null && forumStore.feed.items.length > 0 ? forumStore.feed.error : ''),
      writeAccess: () => sessionStore.writeAccess,
    },
    actions: {},
  },
  data: {
    boards: [{ id: 0, name: '全部' }] as BoardChip[],
    activeBoardId: 0,
    pinned: [] as unknown[],
    feed: { items: [] as unknown[] },
    loading: true,
    loadingMore: false,
    hasMore: false,
    empty: false,
    error: '',
    notice: '',
    writeAccess: 'needs_profile' as WriteAccess,
    retrying: false,
    bundled: bundledArticles,
  },
  lifetimes: {
    attached() {
      // The feed grows by pages: kept in step by path, so loading more sends only the new items.
      bindPaths(this, { 'feed.items': () => forumStore.feed.items });
    },
    detached() {
      unbindPaths(this);
    },
  },
  methods: {
    onLoad() {
      void openFeed();
      void loadPinned();
      void loadBoards();
    },

    async onPullDownRefresh() {
      try {
        await Promise.all([loadFeed('refresh'), loadPinned()]);
      } finally {
        wx.stopPullDownRefresh();
      }
    },

    onReachBottom() {
      void this.loadMore();
    },

    async loadMore() {
      if (!forumStore.feedHasMore || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      const start = await loadFeed('more');
      this.setData({ loadingMore: false });
      if (start === null && forumStore.feed.error) wx.showToast({ title: forumStore.feed.error, icon: 'none' });
    },

    async onRetry() {
      this.setData({ retrying: true });
      const mode = forumStore.feed.items.length === 0 ? 'first' : 'refresh';
      await Promise.all([loadFeed(mode), loadPinned(), forumStore.boards.length ? Promise.resolve() : loadBoards()]);
      this.setData({ retrying: false });
    },

    onSelectBoard(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: number }>) {
      const id = Number(event.currentTarget.dataset.id);
      if (id === (forumStore.feedBoardId ?? 0)) return;
      forumStore.selectBoard(id === 0 ? null : id);
      void loadFeed('first');
    },

    onOpenPost(event: WechatMiniprogram.CustomEvent<{ id: number }>) {
      openPost(event.detail.id);
    },

    onCompose() {
      if (allowWrite(this.data.writeAccess, '发帖')) openCompose();
    },
  },
});
