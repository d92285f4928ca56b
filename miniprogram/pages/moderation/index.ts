/**
 * 审核管理 (moderators only; others see why they cannot use it): queues of held posts, comments,
 * images and open reports, with approve / reject / resolve and banning a post's author.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import {
  approveComment,
  approveMedia,
  approvePost,
  banUser,
  getQueue,
  getSummary,
  rejectComment,
  rejectMedia,
  rejectPost,
  resolveReport,
  type ModerationQueue,
} from '../../services/moderation.service';
import { userMessageOf } from '../../services/transport';
import { sessionStore } from '../../stores/index';
import type { ModerationSummary } from '../../../typings/api';

interface QueueRow {
  key: string;
  id: string;
  title: string;
  text: string;
  meta: string;
  authorId: number;
}

const TABS: { key: ModerationQueue; label: string }[] = [
  { key: 'posts', label: '帖子' },
  { key: 'comments', label: '评论' },
  { key: 'media', label: '图片' },
  { key: 'reports', label: '举报' },
];

const REPORT_REASONS: Record<string, string> = { spam: '垃圾广告', abuse: '辱骂攻击', illegal: '违法违规', other: '其他' };

/** One line over the tabs: what waits, and how long the oldest content has waited for WeChat. */
function summaryLine(summary: ModerationSummary): string {
  const { queues, awaitingWeChat, oldestPendingAgeSeconds } = summary;
  const waiting = `待处理 帖子 ${queues.posts} · 评论 ${queues.comments} · 图片 ${queues.media} · 举报 ${queues.reports}`;
  if (oldestPendingAgeSeconds === null) return `${waiting}；没有等待自动检测的内容`;
  const total = awaitingWeChat.posts + awaitingWeChat.comments + awaitingWeChat.media + awaitingWeChat.nicknames;
  const age =
    oldestPendingAgeSeconds < 60
      ? '不到 1 分钟'
      : oldestPendingAgeSeconds < 3600
        ? `${Math.floor(oldestPendingAgeSeconds / 60)} 分钟`
        : `${Math.floor(oldestPendingAgeSeconds / 3600)} 小时`;
  return `${waiting}；${total} 项等待自动检测，最久已等 ${age}`;
}

async function loadRows(queue: ModerationQueue): Promise<QueueRow[]> {
  switch (queue) {
    case 'posts':
      return (await getQueue('posts')).items.map((p) => ({
        key: `post-${p.id}`,
        id: String(p.id),
        title: p.title,
        text: p.body,
        meta: `${p.author.nickname ?? `用户 ${p.author.id}`} · ${p.awaitingAutomaticCheck ? '等待自动检测' : '待人工审核'}`,
        authorId: p.author.id,
      }));
    case 'comments':
      return (await getQueue('comments')).items.map((c) => ({
        key: `comment-${c.id}`,
        id: String(c.id),
        title: `评论于「${c.postTitle}」`,
        text: c.body,
        meta: c.author.nickname ?? `用户 ${c.author.id}`,
        authorId: c.author.id,
      }));
    case 'media':
      return (await getQueue('media')).items.map((m) => ({
        key: `media-${m.id}`,
        id: m.id,
        title: m.purpose === 'avatar' ? '头像' : '帖子图片',
        text: `${m.width}×${m.height} · ${Math.ceil(m.byteSize / 1024)} KB`,
        meta: `${m.owner.nickname ?? `用户 ${m.owner.id}`} · ${m.awaitingWeChat ? '等待自动检测' : '待人工审核'}`,
        authorId: m.owner.id,
      }));
    case 'reports':
      return (await getQueue('reports')).items.map((r) => ({
        key: `report-${r.id}`,
        id: String(r.id),
        title: `举报${r.targetType === 'post' ? '帖子' : '评论'}：${REPORT_REASONS[r.reason] ?? r.reason}`,
        text: r.target ? r.target.excerpt : '内容已被删除',
        meta: r.detail ?? '',
        authorId: r.target?.author.id ?? 0,
      }));
    default:
      return [];
  }
}

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
    loading: false,
    loaded: false,
    errorMessage: '',
    summaryText: '',
    busy: false,
  },
  methods: {
    onShow() {
      if (sessionStore.isModerator) this.load();
    },
    onPullDownRefresh() {
      this.load().finally(() => wx.stopPullDownRefresh());
    },
    async load(): Promise<void> {
      const queue = this.data.current;
      this.setData({ loading: true, errorMessage: '' });
      // The summary is a hint: when it fails the queue still loads, and the line is left out.
      getSummary().then(
        (summary) => this.setData({ summaryText: summaryLine(summary) }),
        () => this.setData({ summaryText: '' }),
      );
      try {
        const rows = await loadRows(queue);
        if (queue === this.data.current) this.setData({ rows, loaded: true });
      } catch (error) {
        this.setData({ errorMessage: userMessageOf(error) });
      } finally {
        this.setData({ loading: false });
      }
    },
    onTab(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { key: ModerationQueue }>) {
      const key = event.currentTarget.dataset.key;
      if (key === this.data.current) return;
      this.setData({ current: key, rows: [], loaded: false });
      this.load();
    },
    async act(run: () => Promise<unknown>, done: string): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        await run();
        wx.showToast({ title: done, icon: 'none' });
      } catch (error) {
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
      await this.load();
    },
    onApprove(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      const queue = this.data.current;
      const run =
        queue === 'posts'
          ? () => approvePost(Number(id))
          : queue === 'comments'
            ? () => approveComment(Number(id))
            : () => approveMedia(id);
      return this.act(run, '已通过');
    },
    onReject(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string }>) {
      const id = event.currentTarget.dataset.id;
      const queue = this.data.current;
      const run =
        queue === 'posts' ? () => rejectPost(Number(id)) : queue === 'comments' ? () => rejectComment(Number(id)) : () => rejectMedia(id);
      return this.act(run, '已驳回');
    },
    onResolve(
      event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { id: string; action: 'none' | 'remove_content' }>,
    ) {
      const { id, action } = event.currentTarget.dataset;
      return this.act(() => resolveReport(Number(id), action), action === 'remove_content' ? '内容已移除' : '已处理');
    },
    async onBan(event: WechatMiniprogram.TouchEvent<Record<string, never>, Record<string, never>, { authorId: number }>) {
      const authorId = Number(event.currentTarget.dataset.authorId);
      if (!authorId) return;
      const answer = await wx.showModal({ title: '禁言作者', content: '禁言后该用户将无法发帖和评论，确定吗？', confirmText: '确定禁言' });
      if (answer.confirm) await this.act(() => banUser(authorId), '已禁言');
    },
  },
});
