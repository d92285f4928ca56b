/**
 * A list sends what a card shows: the first three images in order and how many there are; the
 * post itself sends them all.
 */
import { randomUUID } from 'node:crypto';
import type { PostDetail, PostSummary } from '@wx-community-starter/contract';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function attachApprovedImages(postId: number, ownerId: number, count: number): Promise<string[]> {
  const db = t.database.handle.db;
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
        byte_size: 1000,
        width: 300,
        height: 400,
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

it('lists the first three images with the count, and the post view all of them', async () => {
  const member = await t.loginAsMember('五张图的作者');
  const boards = (await t.request({ method: 'GET', url: '/boards' })).json<{ items: { id: number; staffOnly: boolean }[] }>().items;
  const created = await t.request({
    method: 'POST',
    url: '/posts',
    token: member.accessToken,
    payload: { boardId: boards.find((b) => !b.staffOnly)!.id, title: '春天的五张照片', body: '公园里拍的，分享给大家。' },
  });
  expect(created.statusCode).toBe(201);
  const postId = created.json<{ id: number }>().id;
  const ids = await attachApprovedImages(postId, member.user.id, 5);

  const listed = (await t.request({ method: 'GET', url: '/posts' })).json<{ items: PostSummary[] }>().items.find((p) => p.id === postId)!;
  expect(listed.images.map((image) => image.id)).toEqual(ids.slice(0, 3));
  expect(listed.imageCount).toBe(5);

  const detail = (await t.request({ method: 'GET', url: `/posts/${postId}` })).json<PostDetail>();
  expect(detail.images.map((image) => image.id)).toEqual(ids);
});
