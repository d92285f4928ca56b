/**
 * The post page, the real mini program against the real server: the seeded welcome post with its
 * comments, a member's reply published at once, a reply held for review shown as 审核中, and an
 * image that waits for WeChat's verdict shown to its author as 审核中, then as the image.
 */
import path from 'node:path';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';
import { png } from './page-host';

const wxFake = installWxFake();
const rootPath = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
const OPENID = 'o_post_page_member';
let server: TestApp;
let host: AppHost;
let welcomeId: number;

beforeAll(async () => {
  server = await createTestApp({}, { listen: true });
  wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { 'http://127.0.0.1:3000': server.baseUrl } });
  // The WeChat user of the fake already chose a nickname: the app's silent login finds a member.
  wxFake.setOpenid(OPENID);
  await server.loginAsMember('溪边晨跑', OPENID);
  const feed = (await server.request({ method: 'GET', url: '/posts?pinned=true' })).json().items as { id: number; title: string }[];
  welcomeId = feed.find((p) => p.title === '欢迎来到社区')?.id ?? 0;
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  host = createAppHost({ rootPath });
});
afterEach(() => host.close());

describe('post page', () => {
  it('shows the post and its comments; a member reply is published', async () => {
    await host.launch(`/pages/post/index?id=${welcomeId}`);
    expect(host.text()).toContain('欢迎来到社区');
    expect(host.text()).toContain('祝你在这里玩得开心');
    expect(host.text()).toContain('大家好，我是社区助手');
    expect(host.text()).toContain('评论 2');

    await host.input('#reply-input', '谢谢分享，刚来报到');
    await host.tap('#reply-send');
    expect(wxFake.toasts).toContainEqual(expect.objectContaining({ title: '评论成功' }));
    expect(host.text()).toContain('谢谢分享，刚来报到');
    expect(host.text()).toContain('评论 3');
    expect(host.text()).not.toContain('审核中');
    const data = host.currentPage().component.instance.data as { replyText: string };
    expect(data.replyText).toBe('');
    // Public for everyone
    const comments = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments` })).json().items as { body: string }[];
    expect(comments.map((c) => c.body)).toContain('谢谢分享，刚来报到');
  });

  it('a reply held for review shows 审核中 to its author only', async () => {
    await host.launch(`/pages/post/index?id=${welcomeId}`);
    await host.input('#reply-input', '[review] 想请教一下版块怎么选');
    await host.tap('#reply-send');
    expect(host.text()).toContain('想请教一下版块怎么选');
    expect(host.text()).toContain('审核中');
    expect(wxFake.toasts.at(-1)).toEqual(expect.objectContaining({ icon: 'none' }));
    const comments = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments` })).json().items as { body: string }[];
    expect(comments.map((c) => c.body)).not.toContain('[review] 想请教一下版块怎么选');
  });

  it('a refused reply shows the server message and keeps the text', async () => {
    await host.launch(`/pages/post/index?id=${welcomeId}`);
    await host.input('#reply-input', '[risky] 不合适的话');
    await host.tap('#reply-send');
    expect(wxFake.toasts.at(-1)).toEqual(expect.objectContaining({ icon: 'none', title: expect.stringMatching(/[\u4e00-\u9fa5]/) }));
    expect(host.text()).not.toContain('不合适的话');
    expect((host.currentPage().component.instance.data as { replyText: string }).replyText).toBe('[risky] 不合适的话');
  });

  it('reports the post with a chosen reason; the moderators get one report', async () => {
    await host.launch(`/pages/post/index?id=${welcomeId}`);
    await host.tap('#report-post');
    expect(host.text()).toContain('举报原因');
    await host.tap('#report-sheet >>> #reason-spam');
    await host.tap('#report-sheet >>> #report-submit');
    expect(wxFake.toasts.at(-1)).toEqual(expect.objectContaining({ title: '举报已收到，我们会尽快处理' }));
    expect(host.text()).not.toContain('举报原因');
    const reports = await server.database.handle.db.selectFrom('reports').selectAll().where('target_id', '=', welcomeId).execute();
    expect(reports).toEqual([expect.objectContaining({ target_type: 'post', reason: 'spam', status: 'open' })]);
  });

  it('deletes my own comment after confirming', async () => {
    await host.launch(`/pages/post/index?id=${welcomeId}`);
    await host.input('#reply-input', '这条稍后删掉');
    await host.tap('#reply-send');
    const mine = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments?limit=50` })).json().items as {
      id: number;
      body: string;
    }[];
    const comment = mine.find((c) => c.body === '这条稍后删掉');
    expect(comment).toBeDefined();
    wxFake.answerNextModal({ confirm: true });
    await host.tap(`#comment-item-${comment!.id} >>> .comment-item__delete`);
    expect(host.text()).not.toContain('这条稍后删掉');
    const after = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments?limit=50` })).json().items as {
      body: string;
    }[];
    expect(after.map((c) => c.body)).not.toContain('这条稍后删掉');
  });

  it('an image waiting for WeChat is 审核中 for its author and the post hidden from guests, until the verdict', async () => {
    server.fake.holdPushes(true);
    try {
      const { accessToken } = await server.loginAsMember('溪边晨跑', OPENID);
      const boundary = '----post-page-test';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\npost_image\r\n`),
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lake.png"\r\nContent-Type: image/png\r\n\r\n`),
        await png(40),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const upload = await server.request({
        method: 'POST',
        url: '/media',
        token: accessToken,
        payload,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      });
      expect(upload.statusCode).toBe(201);
      const mediaId = (upload.json() as { id: string }).id;
      const boards = (await server.request({ method: 'GET', url: '/boards' })).json().items as { id: number; staffOnly: boolean }[];
      const created = await server.request({
        method: 'POST',
        url: '/posts',
        token: accessToken,
        payload: {
          boardId: boards.find((board) => !board.staffOnly)!.id,
          title: '周末的湖边日落',
          body: '傍晚的湖面特别安静，拍了一张照片分享给大家。',
          mediaIds: [mediaId],
        },
      });
      expect(created.statusCode).toBe(201);
      const postId = (created.json() as { id: number }).id;

      // Signed in first (the silent login finds the member), then the author opens their post.
      await host.launch();
      await host.navigateTo(`/pages/post/index?id=${postId}`);
      expect(host.text()).toContain('周末的湖边日落');
      expect(host.text()).toContain('审核中');
      expect((host.currentPage().component.instance.data as { images: { pending: boolean }[] }).images).toEqual([
        expect.objectContaining({ pending: true }),
      ]);
      expect((await server.request({ method: 'GET', url: `/posts/${postId}` })).statusCode).toBe(404);

      // WeChat's verdict arrives (40 px wide: pass by the fake's rule); reopened, the image shows.
      const deadline = Date.now() + 3000;
      let traceId: string | null = null;
      while (!traceId && Date.now() < deadline) {
        const row = await server.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', mediaId).executeTakeFirst();
        traceId = row?.trace_id ?? null;
        if (!traceId) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(traceId).toBeTruthy();
      expect(await server.fake.pushFor(traceId as string)).toEqual({ status: 200, body: 'success' });
      expect((await server.request({ method: 'GET', url: `/posts/${postId}` })).statusCode).toBe(200);
      await host.navigateBack();
      await host.navigateTo(`/pages/post/index?id=${postId}`);
      expect((host.currentPage().component.instance.data as { images: { pending: boolean; url: string }[] }).images).toEqual([
        expect.objectContaining({ pending: false, url: expect.stringMatching(new RegExp(`/media/${mediaId}$`)) }),
      ]);
      expect(host.text()).not.toContain('审核中');
    } finally {
      server.fake.holdPushes(false);
    }
  });
});
