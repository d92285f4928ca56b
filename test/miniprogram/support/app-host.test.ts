/**
 * The headless app host and wx fake: the real mini program against the real server, then
 * navigation, lifecycles, input, pull-down refresh and the privacy flow on a fixture app.
 */
import path from 'node:path';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';

const wxFake = installWxFake();
const fixtureRoot = path.join(__dirname, '..', 'fixtures', 'basic');
let server: TestApp;

beforeAll(async () => {
  server = await createTestApp({}, { listen: true });
  wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { 'http://127.0.0.1:3000': server.baseUrl } });
});
afterAll(async () => {
  await server.close();
});

describe('the real mini program', () => {
  it('opens on the forum, which shows the seeded posts from the server', async () => {
    const host = createAppHost({ rootPath: path.resolve(__dirname, '..', '..', '..', 'miniprogram') });
    try {
      const page = await host.launch();
      expect(page.route).toBe('pages/forum/index');
      expect(wxFake.requests).toContainEqual({ method: 'GET', url: `${server.baseUrl}/posts?limit=20`, statusCode: 200 });
      expect(host.text()).toContain('欢迎来到社区');
      expect(host.text()).toContain('社区公约');
      expect(page.component.instance.data).toEqual(expect.objectContaining({ loading: false, error: '' }));
      expect(host.text()).not.toContain('正在加载');
      // Pull-down refresh reloads and stops the indicator
      await host.pullDownRefresh();
      expect(wxFake.requests.filter((r) => r.url.endsWith('/posts?limit=20'))).toHaveLength(2);
      expect(wxFake.callsTo('stopPullDownRefresh')).toHaveLength(1);
    } finally {
      host.close();
    }
  });
});

describe('wx fake', () => {
  it('request: success for every status with statusCode/data/header; fail only on network errors', async () => {
    const notFound = await new Promise<Record<string, unknown>>((resolve, reject) => {
      (wxFake.wx.request as (o: unknown) => void)({ url: 'http://127.0.0.1:3000/posts/999999', success: resolve, fail: reject });
    });
    expect(notFound).toEqual(
      expect.objectContaining({
        statusCode: 404,
        errMsg: 'request:ok',
        header: expect.objectContaining({ 'content-type': expect.stringContaining('json') }),
      }),
    );
    const failed = await new Promise<unknown>((resolve, reject) => {
      (wxFake.wx.request as (o: unknown) => void)({ url: 'http://127.0.0.1:1/nothing', success: reject, fail: resolve });
    });
    expect(failed).toEqual({ errMsg: expect.stringMatching(/^request:fail /) });
  });

  it('login: a fresh code per call for the configured user, accepted by the server', async () => {
    wxFake.setOpenid('o_host_test_user');
    const login = wxFake.wx.login as () => Promise<{ code: string }>;
    const first = await login();
    const second = await login();
    expect(first.code).not.toEqual(second.code);
    const response = await server.request({ method: 'POST', url: '/auth/wechat', payload: { code: first.code } });
    expect(response.statusCode).toBe(200);
  });

  it('storage, modal answers, forbidden APIs and the call log', async () => {
    const wx = wxFake.wx as Record<string, (...args: unknown[]) => unknown>;
    wx.setStorageSync('k', { a: 1 });
    expect(wx.getStorageSync('k')).toEqual({ a: 1 });
    expect(wx.getStorageSync('missing')).toBe('');
    await expect(wx.getStorage({ key: 'missing' })).rejects.toEqual({ errMsg: 'getStorage:fail data not found' });
    wx.removeStorageSync('k');
    expect(wxFake.storage.has('k')).toBe(false);
    wxFake.answerNextModal({ confirm: true });
    await expect(wx.showModal({ title: '删除？' })).resolves.toEqual(expect.objectContaining({ confirm: true, cancel: false }));
    await expect(wx.showModal({ title: '再来？' })).resolves.toEqual(expect.objectContaining({ confirm: false, cancel: true }));
    expect(() => wx.getUserProfile({})).toThrow(/is refused by the headless wx/);
    expect(() => wx.getLocation({})).toThrow(/is refused by the headless wx/);
    expect(wxFake.callsTo('showModal')).toEqual([[{ title: '删除？' }], [{ title: '再来？' }]]);
    expect(wxFake.calls.map((c) => c.name)).toContain('getUserProfile');
  });
});

describe('app host on a fixture app', () => {
  let host: AppHost;
  const log = () => host.app.log as string[];
  beforeEach(() => {
    wxFake.privacy.reset();
    host = createAppHost({ rootPath: fixtureRoot });
  });
  beforeEach(async () => {
    await host.launch();
    log().length = 0; // the App() object lives as long as the jest file
  });
  afterEach(() => host.close());

  it('launches with App() once per file', () => {
    expect(host.app.log).toBeDefined();
    expect(host.currentPage().route).toBe('pages/home/index');
  });

  it('reLaunch, onLoad(query) and onShow; navigates with lifecycles and getCurrentPages', async () => {
    await host.reLaunch('/pages/home/index');
    expect(log()).toEqual(['home.onUnload', 'home.onLoad {}', 'home.onShow']);
    await host.tap('.open');
    expect(host.currentPage().route).toBe('pages/detail/index');
    expect(host.text('.id')).toBe('帖子 7');
    expect(log().slice(3)).toEqual(['home.onHide', 'detail.onLoad {"id":"7","from":"home"}', 'detail.onShow']);
    const pages = (globalThis as unknown as { getCurrentPages(): { route: string }[] }).getCurrentPages();
    expect(pages.map((p) => p.route)).toEqual(['pages/home/index', 'pages/detail/index']);

    await host.navigateBack();
    expect(host.stack().map((p) => p.route)).toEqual(['pages/home/index']);
    expect(log().slice(6)).toEqual(['detail.onUnload', 'home.onShow']);
  });

  it('keeps tab pages alive across switchTab, refuses navigateTo a tab page, reLaunch unloads all', async () => {
    await host.input('.search', '摄影');
    expect(host.text('.keyword')).toBe('摄影');
    await host.navigateTo('/pages/detail/index?id=1');
    await host.switchTab('/pages/me/index');
    expect(host.stack().map((p) => p.route)).toEqual(['pages/me/index']);
    await host.switchTab('/pages/home/index');
    expect(host.text('.keyword')).toBe('摄影'); // same instance, not reloaded
    expect(log().filter((l) => l.startsWith('home.onLoad'))).toHaveLength(0);
    expect(log()).toContain('detail.onUnload');

    await expect((wxFake.wx.navigateTo as (o: unknown) => Promise<unknown>)({ url: '/pages/me/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
    });
    await expect((wxFake.wx.navigateTo as (o: unknown) => Promise<unknown>)({ url: '/pages/nope/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail page "pages/nope/index" is not found',
    });

    await host.reLaunch('/pages/detail/index?id=2');
    expect(host.stack().map((p) => p.route)).toEqual(['pages/detail/index']);
    expect(log()).toEqual(expect.arrayContaining(['home.onUnload', 'me.onUnload']));
  });

  it('pull-down refresh calls onPullDownRefresh and settle() waits for its timer', async () => {
    await host.pullDownRefresh();
    expect(host.text('.refreshed')).toBe('1');
  });

  it('privacy: first-time user sees the custom popup; agree with the tapped button lets the API run', async () => {
    await host.navigateTo('/pages/detail/index?id=3');
    wxFake.enqueueMedia([{ data: Buffer.from('fake image'), width: 100, height: 80 }]);
    await host.tap('.upload');
    expect(wxFake.privacy.pending).toBe(1);
    expect(wxFake.privacy.exposures).toBe(1);
    expect(host.text('.privacy-popup')).toContain('隐私保护指引');
    await host.tap('.contract');
    expect(wxFake.privacy.contractOpened).toBe(1);
    await host.tap('#agree-btn');
    expect(wxFake.privacy.agreed).toBe(true);
    expect(wxFake.privacy.violations).toEqual([]);
    expect(host.text('.status')).toBe('chosen 1');
  });

  it('privacy: disagree fails the pending call; agreeing without the button tap is caught', async () => {
    await host.navigateTo('/pages/detail/index?id=4');
    await host.tap('.upload');
    await host.tap('#disagree-btn');
    expect(host.text('.status')).toContain('privacy permission is not authorized');
    expect(wxFake.privacy.agreed).toBe(false);

    wxFake.privacy.forgetRefusal();
    await host.tap('.upload');
    // The app resolving "agree" without the user's tap on that button is refused.
    (host.currentPage().component.instance.agree as () => void).call(host.currentPage().component.instance);
    await host.settle();
    expect(wxFake.privacy.agreed).toBe(false);
    expect(wxFake.privacy.violations).toEqual([expect.stringContaining('without a tap')]);
    expect(host.text('.status')).toContain('not tapped');
  });
});
