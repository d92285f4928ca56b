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

const notAnImage = (detail: string) => new AppError(415, 'unsupported_media', '只支持 JPG、PNG、WebP、GIF 格式的图片', detail);

export async function inspectImage(upload: Buffer): Promise<InspectedImage> {
  let format: string | undefined;
  try {
    format = (await sharp(upload).metadata()).format;
  } catch {
    throw notAnImage('content is not a decodable image');
  }
  if (!format || !(format in FORMATS)) throw notAnImage(`image format ${format ?? 'unknown'} is not accepted`);
  const kind = format as Format;
  try {
    // rotate() applies the EXIF orientation before the metadata is dropped; sharp keeps no metadata by default.
    const { data, info } = await sharp(upload, { animated: kind === 'gif' || kind === 'webp' })
      .rotate()
      .toFormat(kind)
      .toBuffer({ resolveWithObject: true });
    return { bytes: data, mimeType: FORMATS[kind], extension: kind === 'jpeg' ? 'jpg' : kind, width: info.width, height: info.pageHeight ?? info.height };
  } catch {
    throw notAnImage('image could not be decoded completely');
  }
}
