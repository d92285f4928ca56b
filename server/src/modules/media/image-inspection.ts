/**
 * Decides what an upload really is from its content (never its name or declared type), and
 * re-encodes it so EXIF and other metadata (GPS position, device) are not published.
 */
import sharp from 'sharp';
import { AppError } from '../../lib/app-error';

const FORMATS = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif' } as const;
type Format = keyof typeof FORMATS;

export interface InspectedImage {
  bytes: Buffer;
  mimeType: string;
  extension: string;
  width: number;
  height: number;
}

/**
 * Limits against decompression bombs: a 730 KB PNG can declare 16000×16000 pixels (1 GB decoded),
 * and a GIF of hundreds of frames costs seconds of CPU. Stored images are scaled to fit a phone:
 * nobody needs more than MAX_EDGE pixels on either side, and WeChat's checker downloads them too.
 */
export const MAX_INPUT_PIXELS = 40_000_000;
export const MAX_FRAMES = 100;
export const MAX_EDGE = 2048;

const tooManyPixels = (detail: string) => new AppError(413, 'image_too_large', '图片尺寸过大，请压缩后再上传', detail);

const notAnImage = (detail: string) => new AppError(415, 'unsupported_media', '只支持 JPG、PNG、WebP、GIF 格式的图片', detail);

export async function inspectImage(upload: Buffer): Promise<InspectedImage> {
  let format: string | undefined;
  let metadata: sharp.Metadata;
  try {
    // The header alone: nothing is decoded before the size and frame checks below.
    metadata = await sharp(upload, { limitInputPixels: false }).metadata();
    format = metadata.format;
  } catch {
    throw notAnImage('content is not a decodable image');
  }
  const frames = metadata.pages ?? 1;
  const framePixels = (metadata.width ?? 0) * (metadata.pageHeight ?? metadata.height ?? 0);
  if (framePixels > MAX_INPUT_PIXELS)
    throw tooManyPixels(`${metadata.width}×${metadata.pageHeight ?? metadata.height} exceeds ${MAX_INPUT_PIXELS} pixels`);
  if (frames > MAX_FRAMES) throw tooManyPixels(`${frames} frames exceed ${MAX_FRAMES}`);
  if (framePixels * frames > MAX_INPUT_PIXELS)
    throw tooManyPixels(`${frames} frames of ${framePixels} pixels exceed ${MAX_INPUT_PIXELS} pixels in all`);
  if (!format || !(format in FORMATS)) throw notAnImage(`image format ${format ?? 'unknown'} is not accepted`);
  const kind = format as Format;
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped; sharp keeps no metadata by default.
    const animated = kind === 'gif' || kind === 'webp';
    // Frames were counted from the header above; limitInputPixels guards what libvips decodes.
    const { data, info } = await sharp(upload, { animated, limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .toFormat(kind)
      .toBuffer({ resolveWithObject: true });
    return {
      bytes: data,
      mimeType: FORMATS[kind],
      extension: kind === 'jpeg' ? 'jpg' : kind,
      width: info.width,
      height: info.pageHeight ?? info.height,
    };
  } catch {
    throw notAnImage('image could not be decoded completely');
  }
}
