/**
 * The post page, the real mini program against the real server: the seeded welcome post with its
 * comments, a member's reply published at once, and a reply held for review shown as 审核中.
 */
import path from 'node:path';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';

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
    const mine = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments?limit=50` })).json().items as { id: number; body: string }[];
    const comment = mine.find((c) => c.body === '这条稍后删掉');
    expect(comment).toBeDefined();
    wxFake.answerNextModal({ confirm: true });
    await host.tap(`#comment-item-${comment!.id} >>> .comment-item__delete`);
    expect(host.text()).not.toContain('这条稍后删掉');
    const after = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments?limit=50` })).json().items as { body: string }[];
    expect(after.map((c) => c.body)).not.toContain('这条稍后删掉');
  });
});
