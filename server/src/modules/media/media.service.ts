/**
 * Uploads: check what the file really is, strip its metadata, store it, and record it as
 * pending with the job that submits it to WeChat's mediaCheckAsync, in one transaction. If the
 * database write fails the stored file is removed, so nothing is left orphaned.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { UploadedMedia } from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import type { MediaPurpose, MediaRow } from '../../db/schema';
import { forbidden, notFound, unauthorized } from '../../lib/app-error';
import { isoAfter, isoNow } from '../../lib/time';
import { enqueueJob } from '../../jobs/jobs.repository';
import { requireViewer, isModerator, type Viewer } from '../auth/viewer';
import { startAvatarCheck } from '../content-state';
import { inspectImage } from './image-inspection';
import * as media from './media.repository';
import type { MediaStore } from './media-store';
import { publicMediaPath } from '../../lib/media-paths';
import type { Suggest } from '../../wechat/types';

export const MEDIA_CHECK_SUBMIT_JOB = 'media-check-submit';
export const MEDIA_VERDICT_JOB = 'media-verdict';

/** A verdict WeChat pushed (wxa_media_check), queued as received and applied by the verdict job. */
export interface MediaVerdictPayload {
  traceId: string;
  errcode: number;
  suggest?: Suggest;
}

export function newFetchToken(): string {
  return randomBytes(24).toString('base64url');
}

function presentUploadedMedia(row: MediaRow): UploadedMedia {
  return {
    id: row.id,
    purpose: row.purpose,
    status: row.status,
    width: row.width,
    height: row.height,
    url: row.status === 'approved' ? publicMediaPath(row.id) : null,
  };
}

export type MediaService = ReturnType<typeof createMediaService>;

export function createMediaService(deps: { db: Db; store: MediaStore; fetchUrlTtlSeconds: number; onQueued?: () => void }) {
  const { db, store } = deps;

  return {
    /** Who may upload; checked before the upload's body is read, so a guest costs no bandwidth. */
    requireUploader(viewer: Viewer | null): Viewer {
      const me = requireViewer(viewer);
      if (me.user.banned_at !== null) throw forbidden('user is banned', '你的账号已被禁言，暂时不能发布内容');
      if (!me.wechatOpenid) throw unauthorized('session has no WeChat openid for content checks', 'login_required');
      return me;
    },

    async upload(viewer: Viewer | null, purpose: MediaPurpose, upload: Buffer): Promise<UploadedMedia> {
      const me = this.requireUploader(viewer);
      const image = await inspectImage(upload);
      const id = randomUUID();
      const storageKey = `${id}.${image.extension}`;
      await store.put(storageKey, image.bytes);
      try {
        await db.transaction().execute(async (trx) => {
          await media.insertMedia(trx, {
            id,
            owner_id: me.user.id,
            purpose,
            status: 'pending',
            mime_type: image.mimeType,
            byte_size: image.bytes.length,
            width: image.width,
            height: image.height,
            storage_key: storageKey,
            fetch_token: newFetchToken(),
            fetch_expires_at: isoAfter(deps.fetchUrlTtlSeconds * 1000),
            check_openid: me.wechatOpenid,
          });
          await enqueueJob(trx, { kind: MEDIA_CHECK_SUBMIT_JOB, payload: { mediaId: id } });
          // A new avatar replaces the old one only once it passes (content-state/media-states.ts).
          if (purpose === 'avatar') await startAvatarCheck(trx, me.user.id, id);
        });
      } catch (error) {
        await store.delete(storageKey).catch(() => undefined);
        throw error;
      }
      deps.onQueued?.();
      const row = await media.findMedia(db, id);
      if (!row) throw notFound(`media ${id}`);
      return presentUploadedMedia(row);
    },

    /** Queues a pushed verdict; the verdict job applies it once per trace_id. */
    async queueVerdict(verdict: MediaVerdictPayload): Promise<void> {
      await enqueueJob(db, { kind: MEDIA_VERDICT_JOB, payload: verdict });
      deps.onQueued?.();
    },

    /** Public bytes: approved media only. Moderators may also look at what they must decide on. */
    async publicContent(id: string, viewer: Viewer | null): Promise<{ bytes: Buffer; mimeType: string; approved: boolean }> {
      const row = await media.findMedia(db, id);
      if (!row || (row.status !== 'approved' && !isModerator(viewer))) throw notFound(`media ${id}`);
      return { ...(await read(row)), approved: row.status === 'approved' };
    },

    /** With a publishing store (MEDIA_PUBLIC_BASE_URL): the public URL of an approved image, else null (served by Node). */
    async publicUrl(id: string): Promise<string | null> {
      if (!store.publish) return null;
      const row = await media.findMedia(db, id);
      if (!row) return null;
      if (row.status !== 'approved') {
        // An approval reversed by a moderator: the public copy goes when anyone next asks for it.
        await store.unpublish?.(row.storage_key).catch(() => undefined);
        return null;
      }
      return store.publish(row.storage_key);
    },

    /** The unguessable, expiring URL WeChat downloads from to check the image, whatever its status. */
    async contentForWeChat(token: string): Promise<{ bytes: Buffer; mimeType: string }> {
      const row = await media.findMediaByFetchToken(db, token);
      if (!row || row.fetch_expires_at <= isoNow()) throw notFound('media fetch token');
      return read(row);
    },
  };

  async function read(row: MediaRow) {
    const bytes = await store.get(row.storage_key);
    if (!bytes) throw notFound(`media file ${row.id}`);
    return { bytes, mimeType: row.mime_type };
  }
}
