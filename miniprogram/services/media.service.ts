/**
 * Images: upload (multipart POST /media, field `purpose` then `file`) and turning the API's
 * relative image paths into URLs an <image> can load. An uploaded image stays private (`url`
 * null, status pending) until WeChat's asynchronous check passes it.
 */
import type { MediaPurpose, UploadedMedia } from '../../typings/api';
import { absoluteUrl } from '../utils/urls';
import { transport } from './transport';

/** Uploads can be slower than JSON calls on a phone network. */
const UPLOAD_TIMEOUT_MS = 60_000;

/** POST /media → 201 UploadedMedia (status pending; use its id in CreatePostBody.mediaIds). */
export function uploadImage(filePath: string, purpose: MediaPurpose): Promise<UploadedMedia> {
  return transport.upload<UploadedMedia>({
    path: '/media',
    filePath,
    name: 'file',
    formData: { purpose },
    timeoutMs: UPLOAD_TIMEOUT_MS,
  });
}

/** `/media/<id>` → `<apiBaseUrl>/media/<id>`; absolute URLs pass through; null (not approved yet) stays null. */
export function mediaUrl(url: string | null): string | null {
  return absoluteUrl(url);
}
