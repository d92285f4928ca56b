/** One comment: author, text, time, its review state for the author, and report/delete actions. */
import type { Comment } from '../../../typings/api';
import { statusLabel } from '../../utils/content-status';
import { relativeTime } from '../../utils/relative-time';
import { absoluteUrl } from '../../utils/urls';

export interface CommentView {
  id: number;
  body: string;
  authorName: string;
  authorAvatar: string;
  time: string;
  status: string;
  reviewMessage: string;
  isMine: boolean;
}

export function toCommentView(comment: Comment): CommentView {
  return {
    id: comment.id,
    body: comment.body,
    authorName: comment.author.nickname,
    authorAvatar: absoluteUrl(comment.author.avatarUrl) ?? '',
    time: relativeTime(comment.createdAt),
    status: statusLabel(comment.status),
    reviewMessage: comment.reviewMessage ?? '',
    isMine: comment.isMine,
  };
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    comment: { type: Object, value: null as Comment | null },
  },
  data: { view: null as CommentView | null },
  observers: {
    comment(comment: Comment | null) {
      this.setData({ view: comment ? toCommentView(comment) : null });
    },
  },
  methods: {
    onReport() {
      if (this.data.view) this.triggerEvent('report', { targetType: 'comment', targetId: this.data.view.id });
    },
    onDelete() {
      if (this.data.view?.isMine) this.triggerEvent('delete', { id: this.data.view.id });
    },
  },
});
