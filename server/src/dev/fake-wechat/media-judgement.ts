/**
 * Judges one mediaCheckAsync job: download the media, decode the image's header with sharp
 * (metadata only, no pixels) and apply the image rule of verdict-rule.ts. Never rejects: every
 * failure is a judgement with an errcode, which the push then reports.
 */
import sharp from 'sharp';
import { downloadMedia } from './media-download';
import { decideImageVerdict, type FakeVerdict } from './verdict-rule';

/** mediaCheckAsync's media_type values. */
export const MEDIA_TYPE_AUDIO = 1;
export const MEDIA_TYPE_IMAGE = 2;

/** WeChat's 40113 "unsupported file type" (the fake's choice for "downloaded, but not an image"). */
export const NOT_AN_IMAGE = 40113;
/** The formats WeChat documents for image checks. */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'gif', 'webp']);

export type MediaJudgement = { ok: true; verdict: FakeVerdict } | { ok: false; errcode: number; errmsg: string };

export async function judgeMedia(mediaUrl: string, mediaType: number, signal: AbortSignal): Promise<MediaJudgement> {
  const download = await downloadMedia(mediaUrl, signal);
  if (!download.ok) return download;
  // The fake has no rule for audio: once downloaded, it passes.
  if (mediaType === MEDIA_TYPE_AUDIO) return { ok: true, verdict: { suggest: 'pass', label: 100 } };
  let width: number | undefined;
  let format: string | undefined;
  try {
    ({ width, format } = await sharp(download.bytes).metadata());
  } catch {
    return { ok: false, errcode: NOT_AN_IMAGE, errmsg: 'unsupported file type: media_url did not serve a decodable image' };
  }
  if (format === undefined || !IMAGE_FORMATS.has(format) || width === undefined) {
    return {
      ok: false,
      errcode: NOT_AN_IMAGE,
      errmsg: `unsupported file type: ${format ?? 'unknown'} is not an image format WeChat checks`,
    };
  }
  return { ok: true, verdict: decideImageVerdict(width) };
}
