/**
 * The compose page, the real mini program against the real server: a member opens it from the
 * forum's 发帖 button, posts text only, sees the result and lands back on the forum with the post.
 */
import path from 'node:path';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';

const wxFake = installWxFake();
const rootPath = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
const OPENID = 'o_compose_member';
let server: TestApp;
let host: AppHost;

beforeAll(async () => {
  server = await createTestApp({}, { listen: true });
  wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { 'http://127.0.0.1:3000': server.baseUrl } });
  wxFake.setOpenid(OPENID);
  await server.loginAsMember('午后咖啡', OPENID);
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  host = createAppHost({ rootPath });
});
afterEach(() => host.close());

type ComposeData = { result: { published: boolean; title: string; message: string } | null };

describe('compose page', () => {
  it('posts text only, shows the result and goes back to the forum showing the post', async () => {
    await host.launch();
    await host.tap('#compose-button');
    const compose = host.currentPage();
    expect(compose.route).toBe('pages/compose/index');
    expect(host.text('#board-picker')).toContain('交流');
    await host.input('#title-input', '周末去爬山了');
    await host.input('#body-input', '天气很好，山顶的风景特别美，推荐大家去走走。');
    await host.tap('#compose-submit');

    expect((compose.component.instance.data as ComposeData).result).toEqual(
      expect.objectContaining({ published: true, title: '发布成功' }),
    );
    expect(wxFake.toasts).toContainEqual(expect.objectContaining({ title: '发布成功' }));
    expect(host.currentPage().route).toBe('pages/forum/index');
    expect(host.text()).toContain('周末去爬山了');
    expect(wxFake.privacy.exposures).toBe(0);
  });

  it('a post held for review says 审核中', async () => {
    await host.launch('/pages/compose/index');
    await host.input('#title-input', '想问问大家的意见');
    await host.input('#body-input', '[review] 最近在考虑换个爱好，大家有什么推荐吗？');
    await host.tap('#compose-submit');
    expect(wxFake.toasts).toContainEqual(expect.objectContaining({ title: '审核中' }));
    expect(host.currentPage().route).toBe('pages/forum/index');
  });
});
