/** Contract-shaped objects for the store and service tests. */
import type { Comment, Me, PostDetail, PostSummary } from '../../../typings/api';

export function me(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    role: 'member',
    nickname: '小林',
    pendingNickname: null,
    pendingNicknameStatus: null,
    avatarUrl: null,
    avatarPending: false,
    isTestAccount: false,
    banned: false,
    canPost: true,
    ...overrides,
  };
}

export function post(id: number, overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    id,
    boardId: 1,
    title: `帖子${id}`,
    author: { id: 2, nickname: '阿青', avatarUrl: null },
    pinned: false,
    commentCount: 0,
    status: 'published',
    images: [],
    imageCount: 0,
    createdAt: '2025-01-01T00:00:00.000Z',
    excerpt: '摘要',
    ...overrides,
  };
}

export function postDetail(id: number, overrides: Partial<PostDetail> = {}): PostDetail {
  const { excerpt: _excerpt, ...summary } = post(id);
  return { ...summary, body: '正文', isMine: true, ...overrides };
}

export function comment(id: number, postId: number, overrides: Partial<Comment> = {}): Comment {
  return {
    id,
    postId,
    body: `评论${id}`,
    author: { id: 2, nickname: '阿青', avatarUrl: null },
    status: 'published',
    isMine: false,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}
