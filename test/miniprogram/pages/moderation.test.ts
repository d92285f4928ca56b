/** 审核管理: a guest sees why it is closed; the reviewer approves a held post and guests then see it. */
import { TEST_ACCOUNT_PASSWORD, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { loginAsReviewer, openHost, startServer } from './page-host';

const wxFake = installWxFake();
let server: TestApp;
let host: AppHost;

beforeAll(async () => {
  // The reviewer account moderates only when configured to (it is a member by default).
  server = await startServer(wxFake, { TEST_ACCOUNT_ROLE: 'moderator' });
});
afterAll(async () => {
  host?.close();
  await server.close();
});

it('explains to a non-moderator that it is for moderators only', async () => {
  host = openHost();
  await host.launch('/pages/moderation/index');
  expect(host.text()).toContain('仅管理员可以使用审核管理');
  expect(wxFake.requests.filter((r) => r.url.includes('/moderation/'))).toEqual([]);
});

it('approves a held post, which guests then see', async () => {
  const author = await server.loginAsMember('溪边漫步');
  const boards = (await server.request({ method: 'GET', url: '/boards' })).json<{ items: { id: number; staffOnly: boolean }[] }>();
  const created = await server.request({
    method: 'POST',
    url: '/posts',
    token: author.accessToken,
    payload: {
      boardId: boards.items.find((b) => !b.staffOnly)?.id,
      title: '周末去哪里徒步 [review]',
      body: '想找一条适合新手的路线，大家有推荐吗？',
    },
  });
  expect(created.statusCode).toBe(201);
  const postId = created.json<{ id: number }>().id;
  const before = (await server.request({ method: 'GET', url: '/posts' })).json<{ items: { id: number; staffOnly: boolean }[] }>();
  expect(before.items.map((p) => p.id)).not.toContain(postId);

  await host.reLaunch('/pages/me/index');
  await loginAsReviewer(host, server, TEST_ACCOUNT_PASSWORD);
  await host.tap('#moderation-entry');
  expect(host.currentPage().route).toBe('pages/moderation/index');
  expect(host.text(`#post-${postId}`)).toContain('周末去哪里徒步');
  await host.tap(`#post-${postId} .moderation__approve`);
  expect(wxFake.toasts).toContainEqual(expect.objectContaining({ title: '已通过' }));
  expect(host.text()).not.toContain('周末去哪里徒步');

  const after = (await server.request({ method: 'GET', url: '/posts' })).json<{ items: { id: number; staffOnly: boolean }[] }>();
  expect(after.items.map((p) => p.id)).toContain(postId);

  await host.tap('#tab-reports');
  expect(host.currentPage().component.instance.data).toEqual(expect.objectContaining({ current: 'reports', loaded: true }));
});
