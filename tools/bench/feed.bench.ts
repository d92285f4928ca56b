/**
 * Headless feed bench, run by jest (miniprogram project, jsdom) from cli.ts: the real mini program
 * in the app host + wx fake, against the real server in-process. Writes figures to $BENCH_OUT
 * (JSON); asserts only that the measurement happened, never timings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { attachApprovedImages } from '../../test/support/server/approved-images';
import { createTestApp, type TestApp } from '../../test/support/server/test-app';
import { createAppHost, installWxFake } from 'miniprogram-headless-host/runtime';
import { fakeWeChatLoginCodeUrl } from '../../server/src/dev/host-backend';
import { analyzeCriticalPath, summarizeSetData, type FeedBenchResult, type TimelineEvent } from './measure';

const wxFake = installWxFake();
const rootPath = path.resolve(__dirname, '..', '..', 'miniprogram');
const API = 'http://127.0.0.1:3000';
const EXTRA_POSTS = 45;
/** A realistic worst page: every post with the most images a post may have, and a title at the length limit. */
const IMAGES_PER_POST = 9;
const TITLE_LIMIT = 60;
const TARGET_BYTES = 20 * 1024;
let server: TestApp;

beforeAll(async () => {
  server = await createTestApp({ RATE_LIMIT_POSTS_PER_MINUTE: '1000' }, { listen: true });
});
afterAll(async () => {
  await server.close();
});

type Callback = (result: unknown) => void;
interface RequestOptions {
  method?: string;
  url?: string;
  success?: Callback;
  fail?: Callback;
  [key: string]: unknown;
}

/** Records every wx.request start and completion, and the moment a post title first shows. */
function recordTimeline(): { events: TimelineEvent[]; stop(): void } {
  const events: TimelineEvent[] = [];
  const t0 = performance.now();
  const at = () => Math.round((performance.now() - t0) * 10) / 10;
  const original = wxFake.wx.request as (options: RequestOptions) => unknown;
  let seq = 0;
  wxFake.wx.request = (options: RequestOptions) => {
    const id = ++seq;
    events.push({ kind: 'start', id, method: (options.method ?? 'GET').toUpperCase(), url: options.url ?? '', atMs: at() });
    const wrap =
      (cb: Callback | undefined): Callback =>
      (result) => {
        const statusCode = (result as { statusCode?: number } | null)?.statusCode;
        events.push({ kind: 'end', id, statusCode, atMs: at() });
        cb?.(result);
      };
    return original({ ...options, success: wrap(options.success), fail: wrap(options.fail) });
  };
  let rendered = false;
  const observer = new MutationObserver(() => {
    if (rendered) return;
    const title = document.querySelector('[class*="post-card__title"]');
    if (title && (title.textContent ?? '').trim()) {
      rendered = true;
      events.push({ kind: 'render', atMs: at() });
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return {
    events,
    stop() {
      observer.disconnect();
      wxFake.wx.request = original;
    },
  };
}

it('feed bench', async () => {
  wxFake.configure({ loginCodeUrl: fakeWeChatLoginCodeUrl(server.fake.url), rewriteOrigins: { [API]: server.baseUrl } });
  wxFake.storage.clear();

  // b. Cold start: launch → first post title, with the silent login running alongside
  const timeline = recordTimeline();
  let host = createAppHost({ rootPath });
  await host.launch();
  timeline.stop();
  const criticalPath = analyzeCriticalPath(timeline.events);
  host.close();

  // a. Append a page: seed extra posts through the API, relaunch, load more
  const member = await server.loginAsMember('春日读书人', 'o_bench_feed');
  const boards = (await server.request({ method: 'GET', url: '/boards' })).json().items as { id: number; slug: string }[];
  const board = boards.find((b) => b.slug === 'general') ?? boards[0];
  for (let i = 1; i <= EXTRA_POSTS; i += 1) {
    const title = `读书笔记第${i}篇：关于时间与习惯，以及我这一年来坚持早起、专注和每周复盘的全部心得与教训`.slice(0, TITLE_LIMIT);
    const response = await server.request({
      method: 'POST',
      url: '/posts',
      token: member.accessToken,
      payload: { boardId: board.id, title, body: `今天读完了第${i}章，记录几点体会：早起、专注、复盘。`.repeat(20) },
    });
    if (response.statusCode !== 201) throw new Error(`seeding post ${i}: ${response.statusCode} ${response.body}`);
    await attachApprovedImages(server.database.handle.db, response.json().id as number, member.user.id, IMAGES_PER_POST);
  }
  host = createAppHost({ rootPath });
  await host.launch();
  const instance = host.currentPage().component.instance;
  const feedLength = () => (instance.data as { feed: { items: unknown[] } }).feed.items.length;
  const before = feedLength();
  const original = instance.setData.bind(instance);
  const calls: Record<string, unknown>[] = [];
  instance.setData = (data: Record<string, unknown>, callback?: () => void) => {
    calls.push(data);
    original(data, callback);
  };
  for (let page = 0; page < 2; page += 1) {
    (instance.onReachBottom as () => void).call(instance);
    await host.settle();
  }
  const appendCalls = calls.filter((data) => Object.keys(data).some((key) => key.startsWith('feed')));
  const appended = (instance.data as { feed: { items: { imageCount?: number }[] } }).feed.items.slice(before);
  const totalLength = feedLength();
  host.close();

  // c. Warm start: the last feed is in storage, so content shows before any request completes
  const warmTimeline = recordTimeline();
  host = createAppHost({ rootPath });
  await host.launch();
  warmTimeline.stop();
  const warmStart = analyzeCriticalPath(warmTimeline.events);
  host.close();

  const result: FeedBenchResult = {
    append: {
      ...summarizeSetData(appendCalls),
      appendedItems: appended.length,
      feedLength: totalLength,
      targetBytes: TARGET_BYTES,
      imagesPerItem: Math.max(0, ...appended.map((item) => item.imageCount ?? 0)),
      titleChars: TITLE_LIMIT,
    },
    criticalPath,
    warmStart,
  };

  const out = process.env.BENCH_OUT;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  else console.log(JSON.stringify(result, null, 2));
  expect(criticalPath.requests.length).toBeGreaterThan(0);
  expect(appendCalls.length).toBeGreaterThan(0);
});
