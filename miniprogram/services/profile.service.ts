/**
 * The user's own profile: nickname (PUT /me, checked by msgSecCheck on the server), avatar
 * (POST /media purpose avatar, public once WeChat's image check passes) and account deletion
 * (DELETE /me). Each call updates the session store, so pages bound to it show 审核中 at once.
 */
import type { Me, UpdateMeResult, UploadedMedia } from '../../typings/api';
import { forumStore, sessionStore } from '../stores';
import { fetchMe, silentLogin } from './auth.service';
import { uploadImage } from './media.service';
import { removeStored, StorageKeys } from './storage.service';
import { transport } from './transport';

/** Editing the profile is user-initiated: sign in silently first when the reader has no session yet. */
export async function ensureSession(): Promise<Me> {
  if (sessionStore.isLoggedIn && sessionStore.user) return sessionStore.user;
  return silentLogin();
}

/** PUT /me {nickname} → UpdateMeResult (published, held or checking); 422 when the text check refuses it. */
export async function updateNickname(nickname: string): Promise<UpdateMeResult> {
  await ensureSession();
  const result = await transport.request<UpdateMeResult>({ method: 'PUT', path: '/me', body: { nickname } });
  // fetchMe also stores the session, so the next launch starts from what the server said.
  sessionStore.updateUser(result.user);
  await fetchMe().catch(() => undefined);
  return result;
}

/** POST /media (avatar): the new avatar applies after WeChat passes it; until then Me.avatarPending. */
export async function uploadAvatar(filePath: string): Promise<UploadedMedia> {
  await ensureSession();
  const media = await uploadImage(filePath, 'avatar');
  await fetchMe().catch(() => undefined);
  return media;
}

/** DELETE /me → 204: personal data removed and tokens revoked; the reader is a guest again. */
export async function deleteAccount(): Promise<void> {
  await transport.request<void>({ method: 'DELETE', path: '/me' });
  sessionStore.clear();
  forumStore.forgetPersonal();
  removeStored(StorageKeys.session);
}
