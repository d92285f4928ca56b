/** Who is making a request, as resolved by the authenticate plugin from the access token. */
import type { UserRow } from '../../db/schema';
import { AppError, forbidden, unauthorized } from '../../lib/app-error';
import { canPost } from './me.presenter';

export interface Viewer {
  user: UserRow;
  sessionId: string;
  /** The WeChat user on this device; msgSecCheck needs it. */
  wechatOpenid: string | null;
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthorized('this endpoint needs an access token', 'login_required');
  return viewer;
}

/** Writing user content needs a profile (nickname) and no ban. */
export function requireAuthor(viewer: Viewer | null): Viewer & { wechatOpenid: string } {
  const author = requireViewer(viewer);
  if (author.user.banned_at !== null) throw forbidden('user is banned', '你的账号已被禁言，暂时不能发布内容');
  if (!canPost(author.user)) throw new AppError(403, 'profile_required', '请先设置头像和昵称', 'set a nickname with PUT /me first');
  if (!author.wechatOpenid) throw unauthorized('session has no WeChat openid for content checks', 'login_required');
  return { ...author, wechatOpenid: author.wechatOpenid };
}

export function isModerator(viewer: Viewer | null): boolean {
  return viewer?.user.role === 'moderator';
}
