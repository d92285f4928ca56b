/**
 * The MediaStore over S3-compatible object storage (MEDIA_STORE=s3): AWS S3, Tencent COS and
 * Aliyun OSS through their S3 endpoints, MinIO or s3rver with S3_FORCE_PATH_STYLE. The bucket stays
 * private; with MEDIA_PUBLIC_BASE_URL an approved image is copied once under `public/` (give
 * that prefix, and only that prefix, public read or a CDN) and clients are redirected there.
 *
 * When the storage does not answer, every operation fails with a 503 AppError and one error log
 * line: an upload is refused before its row exists (nothing half-stored), reads answer 503 and
 * WeChat's download fails, which holds the image for a moderator (media-check.jobs.ts).
 */
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../lib/app-error';
import type { MediaStore } from './media-store';

export interface S3MediaStoreOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Where the `public/` prefix is served from (a CDN or the bucket's public URL); unset: Node serves every image. */
  publicBaseUrl?: string;
  /** Per attempt; the SDK tries twice. */
  timeoutMs?: number;
  logger?: FastifyBaseLogger;
}

export interface S3MediaStore extends MediaStore {
  /** Makes an approved image public and returns its URL (idempotent); undefined without MEDIA_PUBLIC_BASE_URL. */
  publish?(key: string): Promise<string>;
  /** Takes the public copy down (idempotent). */
  unpublish(key: string): Promise<void>;
  /** Whether the bucket answers (for diagnostics). */
  ping(): Promise<boolean>;
  close(): void;
}

export const PUBLIC_PREFIX = 'public/';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
};

export const mediaStoreUnavailable = (detail: string) =>
  new AppError(503, 'media_store_unavailable', '图片服务暂时不可用，请稍后再试', detail);

function isMissing(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404);
}

export function createS3MediaStore(options: S3MediaStoreOptions): S3MediaStore {
  const timeoutMs = options.timeoutMs ?? 5000;
  const client = new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    maxAttempts: 2,
    requestHandler: { connectionTimeout: timeoutMs, requestTimeout: timeoutMs },
    // Only a checksum when the operation requires one: COS and OSS reject the newer defaults.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = options.bucket;
  const published = new Set<string>();

  const validKey = (key: string) => {
    if (!/^[\w.-]+$/.test(key)) throw new Error(`Invalid media key ${key}`);
    return key;
  };
  const contentType = (key: string) => CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';

  async function call<T>(operation: string, key: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      options.logger?.error({ operation, key, bucket: Bucket, err: { message } }, 'S3 media store unavailable');
      throw mediaStoreUnavailable(`object storage ${operation} failed: ${message}`);
    }
  }

  const store: S3MediaStore = {
    async put(key, bytes) {
      validKey(key);
      // One PUT is atomic in S3: the object exists whole or not at all.
      await call('put', key, () =>
        client.send(
          new PutObjectCommand({ Bucket, Key: key, Body: bytes, ContentType: contentType(key), CacheControl: 'private, no-store' }),
        ),
      );
    },

    async get(key) {
      validKey(key);
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!object.Body) return null;
        return Buffer.from(await object.Body.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) return null;
        return call('get', key, () => Promise.reject(error));
      }
    },

    async delete(key) {
      validKey(key);
      published.delete(key);
      // Deleting a missing object succeeds in S3, so this is safe to repeat.
      await call('delete', key, () =>
        client.send(
          new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: key }, { Key: `${PUBLIC_PREFIX}${key}` }], Quiet: true } }),
        ),
      );
    },

    async unpublish(key) {
      validKey(key);
      published.delete(key);
      await call('unpublish', key, () =>
        client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: `${PUBLIC_PREFIX}${key}` }], Quiet: true } })),
      );
    },

    async ping() {
      try {
        await client.send(new HeadBucketCommand({ Bucket }));
        return true;
      } catch {
        return false;
      }
    },

    close() {
      client.destroy();
    },
  };

  const publicBaseUrl = options.publicBaseUrl;
  if (publicBaseUrl) {
    store.publish = async (key) => {
      validKey(key);
      if (!published.has(key)) {
        await call('publish', key, () =>
          client.send(
            new CopyObjectCommand({
              Bucket,
              Key: `${PUBLIC_PREFIX}${key}`,
              CopySource: `${Bucket}/${key}`,
              MetadataDirective: 'REPLACE',
              ContentType: contentType(key),
              CacheControl: 'public, max-age=86400',
            }),
          ),
        );
        // Bounded: a forgotten entry only costs one more (idempotent) copy.
        if (published.size >= 10_000) published.clear();
        published.add(key);
      }
      return `${publicBaseUrl}/${PUBLIC_PREFIX}${key}`;
    };
  }
  return store;
}
