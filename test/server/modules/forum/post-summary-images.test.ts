/**
 * A list sends what a card shows: the first three images in order and how many there are; the
 * post itself sends them all.
 */
import type { PostDetail, PostSummary } from '@wx-community-starter/contract';
import { attachApprovedImages } from '../../../support/server/approved-images';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

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
  const ids = await attachApprovedImages(t.database.handle.db, postId, member.user.id, 5);

  const listed = (await t.request({ method: 'GET', url: '/posts' })).json<{ items: PostSummary[] }>().items.find((p) => p.id === postId)!;
  expect(listed.images.map((image) => image.id)).toEqual(ids.slice(0, 3));
  expect(listed.imageCount).toBe(5);

  const detail = (await t.request({ method: 'GET', url: `/posts/${postId}` })).json<PostDetail>();
  expect(detail.images.map((image) => image.id)).toEqual(ids);
});
