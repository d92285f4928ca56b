/** One post in a feed: title, excerpt, author, up to three thumbnails, and its review state for the author. */
import type { PostSummary } from '../../../typings/api';
import { statusLabel } from '../../utils/content-status';
import { relativeTime } from '../../utils/relative-time';
import { absoluteUrl } from '../../utils/urls';

export interface PostCardView {
  id: number;
  title: string;
  excerpt: string;
  authorName: string;
  authorAvatar: string;
  pinned: boolean;
  commentCount: number;
  status: string;
  reviewMessage: string;
  thumbnails: { key: string; url: string }[];
  time: string;
}

const MAX_THUMBNAILS = 3;

export function toPostCardView(post: PostSummary): PostCardView {
  return {
    id: post.id,
    title: post.title,
    excerpt: post.excerpt,
    authorName: post.author.nickname,
    authorAvatar: absoluteUrl(post.author.avatarUrl) ?? '',
    pinned: post.pinned,
    commentCount: post.commentCount,
    status: statusLabel(post.status),
    reviewMessage: post.reviewMessage ?? '',
    thumbnails: post.images.slice(0, MAX_THUMBNAILS).map((image) => ({ key: image.id, url: absoluteUrl(image.url) ?? '' })),
    time: relativeTime(post.createdAt),
  };
}

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    post: { type: Object, value: null as PostSummary | null },
  },
  data: { view: null as PostCardView | null },
  observers: {
    post(post: PostSummary | null) {
      this.setData({ view: post ? toPostCardView(post) : null });
    },
  },
  methods: {
    onOpen() {
      if (this.data.view) this.triggerEvent('open', { id: this.data.view.id });
    },
  },
});
