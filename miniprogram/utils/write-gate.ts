/**
 * What a tap on 发帖 or 回复 does for a reader who may not write yet (session.store's writeAccess):
 * a reader without a nickname is taken to the profile form, anyone else is told why not.
 */
import { openProfile } from '../routes';
import { BANNED_MESSAGE } from './copy';
import type { WriteAccess } from '../stores/session.store';

/** True when the reader may write now; otherwise it has already led them on or explained. */
export function allowWrite(access: WriteAccess, action: '发帖' | '评论'): boolean {
  if (access === 'ok') return true;
  if (access === 'needs_profile') openProfile();
  else wx.showToast({ title: access === 'banned' ? BANNED_MESSAGE : `昵称审核中，通过后就可以${action}了`, icon: 'none' });
  return false;
}
