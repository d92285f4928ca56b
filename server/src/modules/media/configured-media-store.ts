/** The media store MEDIA_STORE asks for: local disk (the default) or S3-compatible object storage. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import { createLocalDiskMediaStore, type MediaStore } from './media-store';
import { createS3MediaStore } from './s3-media-store';

export function createConfiguredMediaStore(media: Config['media'], logger: FastifyBaseLogger): MediaStore & { close?(): void } {
  if (media.store === 's3' && media.s3) return createS3MediaStore({ ...media.s3, publicBaseUrl: media.publicMediaBaseUrl, logger });
  return createLocalDiskMediaStore(media.dir);
}
