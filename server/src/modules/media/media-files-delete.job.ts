/**
 * Removing stored files whose rows are already gone (account deletion). Deleted at once when the
 * store answers; the keys it could not delete (object storage down) go to a durable job that
 * retries with backoff until they are gone, so personal images are never left behind and the
 * user's request still succeeds.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import { RetryLater, type JobHandler } from '../../jobs/job-runner';
import { enqueueJob } from '../../jobs/jobs.repository';
import type { MediaStore } from './media-store';

export const MEDIA_FILES_DELETE_JOB = 'media-files-delete';

async function deleteEach(store: MediaStore, keys: string[]): Promise<string[]> {
  const results = await Promise.allSettled(keys.map((key) => store.delete(key)));
  return keys.filter((_key, i) => results[i]!.status === 'rejected');
}

export async function deleteFilesOrRetryLater(db: Db, store: MediaStore, keys: string[], logger?: FastifyBaseLogger): Promise<void> {
  const failed = await deleteEach(store, keys);
  if (failed.length === 0) return;
  logger?.warn({ count: failed.length }, 'media files not deleted yet (store unavailable): queued for retry');
  await enqueueJob(db, { kind: MEDIA_FILES_DELETE_JOB, payload: { keys: failed } });
}

export function createMediaFilesDeleteHandler(deps: { store: MediaStore }): JobHandler {
  return async (payload) => {
    const keys = (payload as { keys?: unknown }).keys;
    if (!Array.isArray(keys) || !keys.every((key) => typeof key === 'string')) throw new Error('malformed media-files-delete payload');
    const failed = await deleteEach(deps.store, keys);
    if (failed.length > 0) throw new RetryLater(`${failed.length} media files still not deleted (store unavailable)`);
  };
}
