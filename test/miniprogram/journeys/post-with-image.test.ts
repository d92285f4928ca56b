/**
 * Journey (d): a member composes a post with an image. The text passes at once but the image
 * waits for WeChat's asynchronous verdict (pushes held): the author sees the post with its image
 * 审核中, guests do not see the post. When the signed push arrives the post is public with its
 * approved image URL.
 */
import type { TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { openHost, png, startServer, storedAccessToken } from '../pages/page-host';

const wxFake = installWxFake();
const OPENID = 'o_journey_post_image';
const TITLE = '周末的湖边日落';
let server: TestApp;
let host: AppHost;

interface FeedPost {
  id: number;
  title: string;
  status?: string;
  images: { id: string; url: string | null }[];
}

beforeAll(async () => {
  server = await startServer(wxFake);
  server.fake.holdPushes(true);
  wxFake.setOpenid(OPENID);
  await server.loginAsMember('湖畔散步', OPENID);
});
afterAll(async () => {
  host?.close();
  await server.close();
});

async function guestFeed(): Promise<FeedPost[]> {
  return (await server.request({ method: 'GET', url: '/posts?limit=50' })).json().items as FeedPost[];
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it('a post with an image stays private until WeChat passes the image, then guests see it with its url', async () => {
  host = openHost();
  await host.launch('/pages/forum/index');
  await host.tap('#compose-button');
  expect(host.currentPage().route).toBe('pages/compose/index');
  await host.input('#title-input', TITLE);
  await host.input('#body-input', '傍晚的湖面特别安静，拍了一张照片分享给大家。');

  // Add an image: privacy agreement first, then the chosen file uploads.
  wxFake.enqueueMedia([{ data: await png(40), ext: 'png', width: 40, height: 40 }]);
  await host.tap('.compose__field >>> #add-image');
  if (wxFake.privacy.pending > 0) await host.tap('#privacy-popup >>> #privacy-agree');
  expect(wxFake.privacy.violations).toEqual([]);
  expect(wxFake.requests).toContainEqual(expect.objectContaining({ method: 'UPLOAD', url: expect.stringMatching(/\/media$/) }));
  const images = (host.currentPage().component.instance.data as { images: { mediaId: string }[] }).images;
  expect(images).toHaveLength(1);
  expect(images[0].mediaId).toMatch(/^[0-9a-f-]{36}$/);

  await host.tap('#compose-submit');
  expect(wxFake.toasts.at(-1)).toEqual(expect.objectContaining({ title: '审核中' }));
  expect(host.currentPage().route).toBe('pages/forum/index');

  // The author sees their post, its image 审核中; guests do not see it.
  const token = storedAccessToken(wxFake);
  const mine = ((await server.request({ method: 'GET', url: '/me/posts', token })).json().items as FeedPost[]).find((p) => p.title === TITLE);
  expect(mine).toBeDefined();
  const postId = mine?.id ?? 0;
  await host.navigateTo(`/pages/post/index?id=${postId}`);
  expect(host.text()).toContain(TITLE);
  expect(host.text()).toContain('审核中');
  expect((host.currentPage().component.instance.data as { images: { pending: boolean }[] }).images).toEqual([expect.objectContaining({ pending: true })]);
  expect((await guestFeed()).map((p) => p.title)).not.toContain(TITLE);
  expect((await server.request({ method: 'GET', url: `/posts/${postId}` })).statusCode).toBe(404);

  // WeChat's verdict arrives (40 px wide: pass by the fake's rule).
  const mediaId = images[0].mediaId;
  const traceId = await until('the media check trace id', async () => {
    const row = await server.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', mediaId).executeTakeFirst();
    return row?.trace_id ?? undefined;
  });
  expect(await server.fake.pushFor(traceId)).toEqual({ status: 200, body: 'success' });

  const published = await until('the post to be public', async () => (await guestFeed()).find((p) => p.title === TITLE));
  expect(published.images).toEqual([expect.objectContaining({ id: mediaId, status: 'approved', url: `/media/${mediaId}` })]);
  const image = await server.request({ method: 'GET', url: `/media/${mediaId}` });
  expect(image.statusCode).toBe(200);
  expect(image.headers['content-type']).toMatch(/^image\//);

  // The author's page, reopened, shows the image without 审核中.
  await host.navigateBack();
  await host.navigateTo(`/pages/post/index?id=${postId}`);
  expect((host.currentPage().component.instance.data as { images: { pending: boolean; url: string }[] }).images).toEqual([
    expect.objectContaining({ pending: false, url: expect.stringMatching(new RegExp(`^https?://[^/]+/media/${mediaId}$`)) }),
  ]);
  expect(host.text()).not.toContain('审核中');
});
