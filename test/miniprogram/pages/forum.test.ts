/**
 * The forum tab, the real mini program against the real server: offline first open (error
 * state with the bundled welcome and rules, then retry), a first open showing the seeded posts
 * with no login or authorization UI, and load more appending by path.
 */
import path from 'node:path';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';

const wxFake = installWxFake();
const rootPath = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
const API = 'http://127.0.0.1:3000';
let server: TestApp;
let host: AppHost;

beforeAll(async () => {
  server = await createTestApp({ RATE_LIMIT_POSTS_PER_MINUTE: '100' }, { listen: true });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  host = createAppHost({ rootPath });
});
afterEach(() => host.close());

/** Titles rendered inside the post cards of the feed (child components' classes carry their prefix). */
const feedTitles = () =>
  Array.from(host.find('.forum__feed').dom?.querySelectorAll('[class*="post-card__title"]') ?? []).map((t) => (t.textContent ?? '').trim());
const pageData = () => host.currentPage().component.instance.data as Record<string, unknown>;

describe('forum page', () => {
  // First in the file: the stores and storage are still empty, as on a first install.
  it('server unreachable: error state with retry and the bundled welcome and rules, never blank', async () => {
    wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { [API]: 'http://127.0.0.1:1' } });
    await host.launch();
    const text = host.text();
    expect(text).toContain('网络不太稳定，请稍后重试');
    expect(text).toContain('重新加载');
    expect(text).toContain('欢迎来到社区');
    expect(text).toContain('社区公约');
    expect(text).toContain('友善尊重');
    expect(text).not.toContain('正在加载');

    // Back online: retry shows the real feed
    wxFake.configure({ rewriteOrigins: { [API]: server.baseUrl } });
    // The retry button lives inside error-state, which raises `retry` on the page
    (host.currentPage().component.instance.onRetry as () => Promise<void>).call(host.currentPage().component.instance);
    await host.settle();
    expect(host.text()).not.toContain('重新加载');
    expect(host.text('.forum__pinned')).toContain('欢迎来到社区');
    expect(feedTitles()).toContain('常见问题解答');
  });

  it('first open shows the seeded posts at once, with no login or authorization UI', async () => {
    wxFake.configure({ rewriteOrigins: { [API]: server.baseUrl } });
    wxFake.storage.clear();
    const page = await host.launch();
    expect(page.route).toBe('pages/forum/index');
    expect(wxFake.requests).toContainEqual(
      expect.objectContaining({ method: 'GET', url: expect.stringMatching(/\/posts\?limit=20$/), statusCode: 200 }),
    );
    expect(host.text('.forum__pinned')).toContain('欢迎来到社区');
    expect(host.text('.forum__pinned')).toContain('社区公约');
    expect(feedTitles()).toEqual(expect.arrayContaining(['新手指南：浏览、发帖、评论、举报和编辑资料', '常见问题解答']));
    // Pinned posts are not repeated in the feed below them
    expect(feedTitles()).not.toContain('欢迎来到社区');
    expect(host.text('.forum__boards')).toContain('全部');
    expect(host.text('.forum__boards')).toContain('新手指南');
    expect(host.stack().map((p) => p.route)).toEqual(['pages/forum/index']);
    expect(wxFake.privacy.exposures).toBe(0);
    expect(wxFake.privacy.pending).toBe(0);
    expect(host.text()).not.toContain('隐私保护');
    expect(wxFake.modals).toEqual([]);
    expect(host.text()).not.toContain('正在加载');
    expect(host.text()).not.toContain('重新加载');

    // A board chip filters the feed
    const help = (pageData().boards as { id: number; name: string }[]).find((b) => b.name === '新手指南');
    await host.tap(`#board-${help?.id}`);
    expect(feedTitles().sort()).toEqual(['常见问题解答', '新手指南：浏览、发帖、评论、举报和编辑资料'].sort());
    await host.tap('#board-0');
    expect(feedTitles()).toContain('欢迎提出你的意见和建议');

    // Opening a post
    const instance = host.currentPage().component.instance;
    const first = (pageData().feed as { items: { id: number }[] }).items[0];
    (instance.onOpenPost as (e: unknown) => void).call(instance, { detail: { id: first.id } });
    await host.settle();
    expect(host.currentPage().route).toBe('pages/post/index');
  });

  it('load more appends the next page by path, never re-sending the list', async () => {
    wxFake.configure({ rewriteOrigins: { [API]: server.baseUrl } });
    const member = await server.loginAsMember('春日读书人', 'o_forum_more');
    const boards = (await server.request({ method: 'GET', url: '/boards' })).json().items as { id: number; slug: string }[];
    const general = boards.find((b) => b.slug === 'general') ?? boards[0];
    for (let i = 1; i <= 24; i += 1) {
      const response = await server.request({
        method: 'POST',
        url: '/posts',
        token: member.accessToken,
        payload: { boardId: general.id, title: `读书笔记第${i}篇`, body: `今天读完了第${i}章，记录几点体会。` },
      });
      expect(response.statusCode).toBe(201);
    }
    await host.launch();
    const firstPage = (pageData().feed as { items: unknown[] }).items.length;
    expect(firstPage).toBe(20);

    const instance = host.currentPage().component.instance;
    const original = instance.setData.bind(instance);
    const calls: Record<string, unknown>[] = [];
    instance.setData = (data: Record<string, unknown>, callback?: () => void) => {
      calls.push(data);
      original(data, callback);
    };
    (instance.onReachBottom as () => void).call(instance);
    await host.settle();

    const items = (pageData().feed as { items: { title: string }[] }).items;
    expect(items.length).toBeGreaterThan(20);
    expect(feedTitles()).toContain(items[items.length - 1].title);
    const keys = calls.flatMap((data) => Object.keys(data));
    expect(keys).toContain('feed.items[20]');
    expect(keys).not.toContain('feed.items');
    expect(keys).not.toContain('feed');
    expect(keys.filter((k) => k.startsWith('feed.items[')).every((k) => Number(/\[(\d+)\]/.exec(k)?.[1]) >= 20)).toBe(true);
  });
});
