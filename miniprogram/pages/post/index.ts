/**
 * A post: title, body, author, images (tap to preview), its review state for the author, the
 * comments (next pages appended by path) and a reply box. Replying first makes sure the user has
 * a profile (nickname); the server's own message is shown when it refuses (422 unsafe, 429 too
 * fast). Posts and comments can be reported, and their authors can delete them after a confirm.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import type { Comment, CreateReportBody, PostDetail } from '../../../typings/api';
import type { GridImage } from '../../components/image-grid/index';
import { loadComments, loadPost, removeComment, removePost, submitComment, submitReport } from '../../services/forum.service';
import { mediaUrl } from '../../services/media.service';
import { userMessageOf } from '../../services/transport';
import { FORUM_PAGE, leavePage } from '../../routes';
import { forumStore, sessionStore } from '../../stores/index';
import type { WriteAccess } from '../../stores/session.store';
import { statusLabel } from '../../utils/content-status';
import { bindPaths, unbindPaths } from '../../utils/path-bindings';
import { relativeTime } from '../../utils/relative-time';
import { allowWrite } from '../../utils/write-gate';

interface PostView {
  id: number;
  title: string;
  body: string;
  authorName: string;
  authorAvatar: string;
  time: string;
  status: string;
  reviewMessage: string;
  isMine: boolean;
  commentCount: number;
}

type ReportTarget = Pick<CreateReportBody, 'targetType' | 'targetId'>;

function toPostView(post: PostDetail): PostView {
  return {
    id: post.id,
    title: post.title,
    body: post.body,
    authorName: post.author.nickname,
    authorAvatar: mediaUrl(post.author.avatarUrl) ?? '',
    time: relativeTime(post.createdAt),
    status: statusLabel(post.status),
    reviewMessage: post.reviewMessage ?? '',
    isMine: post.isMine,
    commentCount: post.commentCount,
  };
}

function toGridImages(post: PostDetail): GridImage[] {
  return post.images.map((image) => {
    const url = mediaUrl(image.url) ?? '';
    return { key: image.id, url, pending: url === '' };
  });
}

ComponentWithStore({
  storeBindings: {
    store: sessionStore,
    fields: { writeAccess: () => sessionStore.writeAccess },
    actions: {},
  },
  data: {
    writeAccess: 'needs_profile' as WriteAccess,
    postId: 0,
    post: null as PostView | null,
    images: [] as GridImage[],
    loading: true,
    error: '',
    retrying: false,
    comments: { items: [] as Comment[] },
    commentsLoading: false,
    commentsHasMore: false,
    commentsError: '',
    replyText: '',
    sending: false,
    reportShow: false,
    reportSubmitting: false,
    reportTarget: null as ReportTarget | null,
  },
  lifetimes: {
    detached() {
      unbindPaths(this);
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const postId = Number(query.id);
      this.setData({ postId });
      if (!Number.isInteger(postId) || postId <= 0) {
        this.setData({ loading: false, error: '内容不存在或已被删除' });
        return;
      }
      // The post and its comments are the store's, by this page's id: kept in step by path, so a
      // new comment or the next page of comments sends only what changed.
      bindPaths(this, {
        post: () => {
          const post = forumStore.posts[postId];
          return post ? toPostView(post) : null;
        },
        images: () => {
          const post = forumStore.posts[postId];
          return post ? toGridImages(post) : [];
        },
        'comments.items': () => forumStore.commentsOf(postId).items,
        commentsLoading: () => forumStore.commentsOf(postId).loading,
        commentsHasMore: () => forumStore.commentsOf(postId).loaded && forumStore.commentsOf(postId).nextCursor !== null,
        commentsError: () => forumStore.commentsOf(postId).error ?? '',
      });
      void this.load();
    },

    async load() {
      const postId = this.data.postId;
      this.setData({ error: '' });
      const comments = this.loadFirstComments();
      try {
        const post = await loadPost(postId);
        this.showPost(post);
      } catch (error) {
        this.setData({ loading: false, retrying: false, error: userMessageOf(error) });
      }
      await comments;
    },

    showPost(post: PostDetail) {
      wx.setNavigationBarTitle({ title: post.title }).catch(() => undefined);
      this.setData({ loading: false, retrying: false });
    },

    async onRetry() {
      this.setData({ retrying: true });
      await this.load();
    },

    async loadFirstComments() {
      await loadComments(this.data.postId, 'first');
    },

    onReachBottom() {
      void this.loadMoreComments();
    },

    /** Next page of comments (appended by path through the binding). */
    async loadMoreComments() {
      if (!this.data.commentsHasMore || this.data.commentsLoading) return;
      await loadComments(this.data.postId, 'more');
    },

    onPreview(event: WechatMiniprogram.CustomEvent<{ current: string; urls: string[] }>) {
      void wx.previewImage({ current: event.detail.current, urls: event.detail.urls });
    },

    // --- reply ------------------------------------------------------------------------------

    /** Tapping the reply box: a user without a nickname sets one first. */
    ensureCanWrite(): boolean {
      return allowWrite(this.data.writeAccess, '评论');
    },

    onReplyTap() {
      this.ensureCanWrite();
    },

    onReplyInput(event: WechatMiniprogram.Input) {
      this.setData({ replyText: event.detail.value });
    },

    async onSend() {
      const body = this.data.replyText.trim();
      if (this.data.sending) return;
      if (!body) {
        wx.showToast({ title: '先写点什么吧', icon: 'none' });
        return;
      }
      if (!this.ensureCanWrite()) return;
      this.setData({ sending: true });
      try {
        const comment = await submitComment(this.data.postId, { body });
        this.setData({ replyText: '', sending: false });
        if (comment.status === 'published') wx.showToast({ title: '评论成功', icon: 'success' });
        else wx.showToast({ title: comment.reviewMessage ?? '审核中，通过后其他人就能看到', icon: 'none' });
      } catch (error) {
        this.setData({ sending: false });
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      }
    },

    // --- report -----------------------------------------------------------------------------

    onReportPost() {
      this.setData({ reportShow: true, reportTarget: { targetType: 'post', targetId: this.data.postId } });
    },

    onReportComment(event: WechatMiniprogram.CustomEvent<ReportTarget>) {
      this.setData({ reportShow: true, reportTarget: { targetType: event.detail.targetType, targetId: event.detail.targetId } });
    },

    onReportClose() {
      this.setData({ reportShow: false, reportTarget: null });
    },

    async onReportSubmit(event: WechatMiniprogram.CustomEvent<{ reason: CreateReportBody['reason'] }>) {
      const target = this.data.reportTarget;
      if (!target) return;
      this.setData({ reportSubmitting: true });
      try {
        const message = await submitReport({ ...target, reason: event.detail.reason });
        this.setData({ reportShow: false, reportSubmitting: false, reportTarget: null });
        wx.showToast({ title: message, icon: 'none' });
      } catch (error) {
        this.setData({ reportSubmitting: false });
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      }
    },

    // --- delete -----------------------------------------------------------------------------

    async onDeleteComment(event: WechatMiniprogram.CustomEvent<{ id: number }>) {
      const answer = await wx.showModal({ title: '删除评论', content: '删除后无法恢复，确定删除吗？', confirmText: '删除' });
      if (!answer.confirm) return;
      try {
        await removeComment(this.data.postId, event.detail.id);
        wx.showToast({ title: '已删除', icon: 'success' });
      } catch (error) {
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      }
    },

    async onDeletePost() {
      const answer = await wx.showModal({ title: '删除帖子', content: '帖子和其中的评论都会被删除，确定删除吗？', confirmText: '删除' });
      if (!answer.confirm) return;
      try {
        await removePost(this.data.postId);
        wx.showToast({ title: '已删除', icon: 'success' });
        leavePage(FORUM_PAGE);
      } catch (error) {
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      }
    },
  },
});
