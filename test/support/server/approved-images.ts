/**
 * Approved post images written straight to the database, for tests and benches about what lists
 * and pages send for images (the upload and the check have their own tests).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../server/src/db/database';

export async function attachApprovedImages(db: Db, postId: number, ownerId: number, count: number): Promise<string[]> {
  const now = new Date().toISOString();
  const ids: string[] = [];
  for (let position = 0; position < count; position += 1) {
    const id = randomUUID();
    ids.push(id);
    await db
      .insertInto('media')
      .values({
        id,
        owner_id: ownerId,
        purpose: 'post_image',
        status: 'approved',
        mime_type: 'image/jpeg',
        byte_size: 200_000,
        width: 1080,
        height: 1440,
        storage_key: `test/${id}.jpg`,
        fetch_token: randomUUID(),
        fetch_expires_at: now,
        trace_id: null,
        check_openid: null,
        reject_reason: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db.insertInto('post_media').values({ post_id: postId, media_id: id, position }).execute();
  }
  return ids;
}
