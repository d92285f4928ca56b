/**
 * 审核管理 (moderators only; others see why they cannot use it): held posts (with their images),
 * comments, images, reports (labelled reasons), nicknames, the ban list and the audit log, each
 * loading more a page at a time. Reject, remove and ban ask for a reason first (reason-sheet:
 * the contract's presets or free text), which the author is shown.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import {
  approveComment,
  approveMedia,
  approveNickname,
  approvePost,
  banUser,
  downloadModerationImage,
  getQueue,
  rejectComment,
  rejectMedia,
  rejectNickname,
  rejectPost,
  resolveReport,
  unbanUser,
  type ModerationQueue,
} from '../../services/moderation.service';
import { userMessageOf } from '../../services/transport';
import { sessionStore } from '../../stores/index';
import type { ModerationReasonKind } from '../../data/contract-labels';
import { toRows, type QueueRow } from './queue-rows';

const TABS: { key: ModerationQueue; label: string }[] = [
  { key: 'posts', label: '帖子' },
  { key: 'comments', label: '评论' },
  { key: 'media', label: '图片' },
  { key: 'reports', label: '举报' },
  { key: 'nicknames', label: '昵称' },
  { key: 'bans', label: '禁言' },
  { key: 'actions', label: '记录' },
];

/** What the reason sheet is confirming. */
interface SheetTarget {
  action: 'reject' | 'remove' | 'ban';
  id: string;
}

const SHEETS: Record<SheetTarget['action'], { title: string; confirmText: string }> = {
  reject: { title: '驳回原因', confirmText: '确定驳回' },
  remove: { title: '移除原因', confirmText: '确定移除' },
  ban: { title: '禁言原因', confirmText: '确定禁言' },
};

type Tap<D extends WechatMiniprogram.IAnyObject> = WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, D>;

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  storeBindings: {
    store: sessionStore,
    fields: { isModerator: () => sessionStore.isModerator },
    actions: [],
  },
  data: {
    isModerator: false,
    tabs: TABS,
    current: 'posts' as ModerationQueue,
    rows: [] as QueueRow[],
    nextCursor: null as string | null,
    loading: false,
    loadingMore: false,
    loaded: false,
    errorMessage: '',
    loadMoreError: '',
    busy: false,
    sheetShow: false,
    sheetKind: 'reject' as ModerationReasonKind,
    sheetTitle: '',
    sheetConfirmText: '',
    sheetTarget: null as SheetTarget | null,
  },
  methods: {
    onShow() {
      if (sessionStore.isModerator) this.load();
    },
    onPullDownRefresh() {
      this.load().finally(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      this.loadMore();
    },
    async load(): Promise<void> {
      const queue = this.data.current;
      this.setData({ loading: true, errorMessage: '', loadMoreError: '' });
      try {
        const page = await getQueue(queue);
        if (queue !== this.data.current) return;
        this.setData({ rows: toRows(queue, page.items), nextCursor: page.nextCursor, loaded: true });
        this.loadImages(0);
      } catch (error) {
        this.setData({ errorMessage: userMessageOf(error) });
      } finally {
        this.setData({ loading: false });
      }
    },
    async loadMore(): Promise<void> {
      const { current: queue, nextCursor, loadingMore } = this.data;
      if (!nextCursor || loadingMore) return;
      this.setData({ loadingMore: true, loadMoreError: '' });
      try {
        const page = await getQueue(queue, nextCursor);
        if (queue !== this.data.current) return;
        const start = this.data.rows.length;
        // Only the new rows go through setData.
        const added: Record<string, unknown> = { nextCursor: page.nextCursor };
        toRows(queue, page.items).forEach((row, i) => (added[`rows[${start + i}]`] = row));
        this.setData(added);
        this.loadImages(start);
      } catch (error) {
        this.setData({ loadMoreError: userMessageOf(error) });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    /** Images only moderators may see come with the token, so they are downloaded, then shown. */
    loadImages(fromRow: number): void {
      const queue = this.data.current;
      this.data.rows.slice(fromRow).forEach((row, offset) => {
        row.images.forEach((image, j) => {
          const path = `rows[${fromRow + offset}].images[${j}]`;
          downloadModerationImage(image.mediaId).then(
            (src) => {
              if (queue === this.data.current && this.data.rows[fromRow + offset]?.key === row.key) this.setData({ [`${path}.src`]: src });
            },
            () => {
              if (queue === this.data.current && this.data.rows[fromRow + offset]?.key === row.key)
                this.setData({ [`${path}.failed`]: true });
            },
          );
        });
      });
    },
    onPreview(event: Tap<{ src: string }>) {
      const src = event.currentTarget.dataset.src;
      if (src) wx.previewImage({ urls: [src], current: src });
    },
    onTab(event: Tap<{ key: ModerationQueue }>) {
      const key = event.currentTarget.dataset.key;
      if (key === this.data.current) return;
      this.setData({ current: key, rows: [], nextCursor: null, loaded: false });
      this.load();
    },
    async act(run: () => Promise<unknown>, done: string): Promise<boolean> {
      if (this.data.busy) return false;
      this.setData({ busy: true });
      let ok = false;
      try {
        await run();
        ok = true;
        wx.showToast({ title: done, icon: 'none' });
      } catch (error) {
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
      return ok;
    },
    onApprove(event: Tap<{ id: string }>) {
      const id = event.currentTarget.dataset.id;
      const run = {
        posts: () => approvePost(Number(id)),
        comments: () => approveComment(Number(id)),
        media: () => approveMedia(id),
        nicknames: () => approveNickname(Number(id)),
      }[this.data.current as 'posts' | 'comments' | 'media' | 'nicknames'];
      if (run) return this.act(run, '已通过');
      return undefined;
    },
    openSheet(target: SheetTarget) {
      const kind: ModerationReasonKind = target.action === 'reject' && this.data.current === 'media' ? 'rejectImage' : target.action;
      this.setData({ sheetShow: true, sheetKind: kind, sheetTarget: target, ...sheetCopy(target.action) });
    },
    onReject(event: Tap<{ id: string }>) {
      const id = event.currentTarget.dataset.id;
      // A nickname refused keeps the old one; there is nothing to explain beyond 「未通过」.
      if (this.data.current === 'nicknames') return this.act(() => rejectNickname(Number(id)), '已驳回');
      this.openSheet({ action: 'reject', id });
      return undefined;
    },
    onResolve(event: Tap<{ id: string }>) {
      return this.act(() => resolveReport(Number(event.currentTarget.dataset.id), 'none'), '已处理');
    },
    onRemove(event: Tap<{ id: string }>) {
      this.openSheet({ action: 'remove', id: event.currentTarget.dataset.id });
    },
    onBan(event: Tap<{ authorId: number }>) {
      const authorId = Number(event.currentTarget.dataset.authorId);
      if (authorId) this.openSheet({ action: 'ban', id: String(authorId) });
    },
    onUnban(event: Tap<{ id: string }>) {
      return this.act(() => unbanUser(Number(event.currentTarget.dataset.id)), '已解除禁言');
    },
    onSheetClose() {
      this.setData({ sheetShow: false, sheetTarget: null });
    },
    async onSheetConfirm(event: WechatMiniprogram.CustomEvent<{ reason: string }>) {
      const target = this.data.sheetTarget;
      const reason = event.detail.reason;
      if (!target || !reason) return;
      const queue = this.data.current;
      const { id } = target;
      let run: () => Promise<unknown>;
      let done: string;
      if (target.action === 'ban') {
        run = () => banUser(Number(id), reason);
        done = '已禁言';
      } else if (target.action === 'remove') {
        run = () => resolveReport(Number(id), 'remove_content', reason);
        done = '内容已移除';
      } else {
        run =
          queue === 'media'
            ? () => rejectMedia(id, reason)
            : queue === 'comments'
              ? () => rejectComment(Number(id), reason)
              : () => rejectPost(Number(id), reason);
        done = '已驳回';
      }
      if (await this.act(run, done)) this.setData({ sheetShow: false, sheetTarget: null });
    },
  },
});

function sheetCopy(action: SheetTarget['action']) {
  return { sheetTitle: SHEETS[action].title, sheetConfirmText: SHEETS[action].confirmText };
}
