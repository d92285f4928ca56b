/**
 * The community rules are stated once: the agreement page shows the pinned 社区公约 post's rules,
 * the very post the server publishes. Fails if the page, the seed and the served post ever give
 * different rule lists (e.g. the page gets its own list again, or the seed changes without
 * `npm run generate`).
 */
import type { PostDetail, PostSummary } from '@wx-community-starter/contract';
import type { TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { seedPosts } from '../../../server/src/dev/seed/content';
import { openHost, startServer } from './page-host';

const wxFake = installWxFake();
let server: TestApp;
let host: AppHost;

beforeAll(async () => {
  server = await startServer(wxFake);
});
afterAll(async () => {
  host?.close();
  await server.close();
});

/** The numbered rules of a text ("1、友善尊重。…"), one per line. */
const ruleLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\d+[、.]/.test(line));

it('states the same rules as the pinned 社区公约 post the server publishes', async () => {
  const seeded = seedPosts.find((post) => post.key === 'rules');
  expect(seeded).toBeDefined();
  const seededRules = ruleLines(seeded?.body ?? '');
  expect(seededRules.length).toBeGreaterThanOrEqual(3);

  const pinned = (await server.request({ method: 'GET', url: '/posts?limit=50' })).json<{ items: PostSummary[] }>();
  const rulesPost = pinned.items.find((post) => post.title === seeded?.title);
  expect(rulesPost).toBeDefined();
  const served = (await server.request({ method: 'GET', url: `/posts/${rulesPost?.id}` })).json<PostDetail>();
  expect(ruleLines(served.body)).toEqual(seededRules);

  host = openHost();
  await host.launch('/pages/agreement/index');
  expect(host.text('#rules-title')).toBe(seeded?.title);
  // Every numbered rule on the page is the seed's, in order, and no other list is stated.
  const body = host.currentPage().component.querySelector('#rules-body')?.dom?.textContent ?? '';
  expect(ruleLines(body)).toEqual(seededRules);
  const page = host.text();
  for (const rule of seededRules) expect(page).toContain(rule);
  expect(page.match(/\d+、/g)).toHaveLength(seededRules.length);
});
