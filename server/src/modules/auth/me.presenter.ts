/** Maps a user row to what its owner may see (never openid, username or password hash). */
import type { Me } from '@wx-community-starter/contract';
import type { UserRow } from '../../db/schema';
import { publicMediaPath } from '../../lib/media-paths';

export function canPost(user: UserRow): boolean {
  return user.banned_at === null && (user.nickname !== null || user.pending_nickname !== null);
}

export function presentMe(user: UserRow, testAccountUsername: string): Me {
  return {
    id: user.id,
    role: user.role,
    nickname: user.nickname,
    pendingNickname: user.pending_nickname,
    pendingNicknameStatus: user.pending_nickname_status,
    avatarUrl: publicMediaPath(user.avatar_media_id),
    avatarPending: user.pending_avatar_media_id !== null,
    isTestAccount: user.username !== null && user.username === testAccountUsername,
    banned: user.banned_at !== null,
    canPost: canPost(user),
  };
}
