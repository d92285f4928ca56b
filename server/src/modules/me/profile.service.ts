/**
 * The signed-in user's own account: read it, set a nickname (checked by msgSecCheck scene 1
 * before anyone else sees it) and delete the account with all personal data.
 */
import type { Me, UpdateMeResult } from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import { AppError, forbidden } from '../../lib/app-error';
import { TextScene } from '../../wechat/types';
import { eraseAccount, promoteGuestToMember } from '../auth/accounts';
import { presentMe } from '../auth/me.presenter';
import { isModerator, requireViewer, type Viewer } from '../auth/viewer';
import type { ContentCheck } from '../content-check/content-check.service';
import { enqueueTextRecheck } from '../content-check/text-recheck.job';
import { submitNickname } from '../content-state';
import { isReservedNickname } from './reserved-nicknames';
import { deleteContentOf } from '../forum/account-content';
import { deleteMediaOfOwner } from '../media/media-access';
import { deleteFilesOrRetryLater } from '../media/media-files-delete.job';
import type { MediaStore } from '../media/media-store';

export type ProfileService = ReturnType<typeof createProfileService>;

export function createProfileService(deps: { db: Db; contentCheck: ContentCheck; testAccountUsername: string; mediaStore: MediaStore }) {
  const { db, contentCheck } = deps;
  const present = (user: Parameters<typeof presentMe>[0]) => presentMe(user, deps.testAccountUsername);

  return {
    me(viewer: Viewer | null): Me {
      return present(requireViewer(viewer).user);
    },

    async updateNickname(viewer: Viewer | null, nickname: string): Promise<UpdateMeResult> {
      const me = requireViewer(viewer);
      if (me.user.banned_at !== null) throw forbidden('user is banned', '你的账号已被禁言，暂时不能修改资料');
      const openid = me.wechatOpenid;
      if (!openid) throw forbidden('session has no WeChat openid for content checks', '请在小程序内重新登录后再试');
      const trimmed = nickname.trim();
      if (!isModerator(me) && isReservedNickname(trimmed)) {
        throw new AppError(400, 'nickname_reserved', '这个昵称为社区工作人员保留，请换一个', 'nickname is a staff name or a close variant');
      }
      const outcome = await contentCheck.checkSubmission(
        { content: trimmed, scene: TextScene.profile, openid },
        '昵称可能包含不当信息，请换一个',
      );
      const user = await db.transaction().execute(async (trx) => {
        await promoteGuestToMember(trx, me.user.id);
        const updated = await submitNickname(trx, me.user.id, trimmed, outcome);
        if (outcome === 'checking') await enqueueTextRecheck(trx, { target: 'nickname', id: me.user.id, openid });
        return updated;
      });
      return { user: present(user), nicknameStatus: outcome };
    },

    /** Removes the user's posts, comments, sessions and identity; the row stays as an anonymous husk. */
    async deleteAccount(viewer: Viewer | null): Promise<void> {
      const me = requireViewer(viewer);
      // Reviewers share this account: deleting it would lock every later reviewer out.
      if (me.user.username !== null && me.user.username === deps.testAccountUsername) {
        throw new AppError(
          403,
          'test_account_protected',
          '测试账号供审核人员共用，不能注销',
          'the reviewer test account cannot be deleted',
        );
      }
      const files = await db.transaction().execute(async (trx) => {
        await deleteContentOf(trx, me.user.id);
        const storageKeys = await deleteMediaOfOwner(trx, me.user.id);
        await eraseAccount(trx, me.user.id);
        return storageKeys;
      });
      // Files go after the commit: a failed transaction must not have destroyed them. Any the
      // store cannot delete now (object storage down) are retried by a job until they are gone.
      await deleteFilesOrRetryLater(db, deps.mediaStore, files);
    },
  };
}
