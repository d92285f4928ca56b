/**
 * The moderation desk as a moderator uses it: a held image is seen before it is judged, and the
 * post is rejected with a reason its author then reads; a report shows its reason's label; a ban
 * given with a reason is listed and lifted again; a queue longer than one page loads more.
 */
import type Element from 'miniprogram-automator/out/Element';
import type Page from 'miniprogram-automator/out/Page';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { component, currentPage, elements, go, tap, text, type, waitUntil } from './support/elements';
import { becomeMember } from './support/member';
import { useMiniProgram } from './support/mini-program';

/** The fake WeChat holds an image this wide for a person (verdict-rule.ts REVIEW_IMAGE_WIDTH). */
const HELD_IMAGE_WIDTH = 17;
const QUEUE_PAGE = 20;

const app = useMiniProgram({ serverEnv: { RATE_LIMIT_POSTS_PER_MINUTE: '100', RATE_LIMIT_REPORTS_PER_MINUTE: '100' } });
let scratch: string;
beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-desk-'));
});
afterAll(() => fs.rm(scratch, { recursive: true, force: true }));

/** The API as the signed-in user, through the app's own wx.request (set-up that would take many taps). */
async function api<T>(method: 'GET' | 'POST', urlPath: string, data?: object): Promise<T> {
  const session = (await app.miniProgram.callWxMethod('getStorageSync', 'community.session.v1')) as { accessToken: string };
  const result = (await app.miniProgram.callWxMethod('request', {
    url: `http://127.0.0.1:3000${urlPath}`,
    method,
    header: { Authorization: `Bearer ${session.accessToken}` },
    ...(data ? { data } : {}),
  })) as { statusCode: number; data: T };
  if (result.statusCode >= 300) throw new Error(`${method} ${urlPath} answered ${result.statusCode}: ${JSON.stringify(result.data)}`);
  return result.data;
}

async function rowWith(page: Page, words: string): Promise<Element> {
  const rows = await elements(page, '.moderation__row');
  const texts = await Promise.all(rows.map((row) => row.text()));
  const index = texts.findIndex((rowText) => rowText.includes(words));
  if (index < 0) throw new Error(`no moderation row shows "${words}": ${JSON.stringify(texts)}`);
  return rows[index];
}

async function openDesk(): Promise<Page> {
  const [account] = (await app.miniProgram.testAccounts()) as { username: string; password: string }[];
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  await tap(me, '#password-login-entry');
  const login = await currentPage(app.miniProgram, 'pages/login/index');
  await type(login, '.login__username', account.username);
  await type(login, '.login__password', account.password);
  await tap(login, '.login__submit');
  await tap(await currentPage(app.miniProgram, 'pages/me/index'), '#moderation-entry');
  return currentPage(app.miniProgram, 'pages/moderation/index');
}

/** Picks the sheet's second preset (or types `custom`) and confirms. */
async function giveReason(desk: Page, custom?: string): Promise<string> {
  const sheet = await component(desk, '#reason-sheet');
  if (custom) {
    await type(sheet, '#reason-custom', custom);
    await tap(sheet, '#reason-confirm');
    return custom;
  }
  const reason = await text(sheet, '#reason-preset-1');
  await tap(sheet, '#reason-preset-1');
  await tap(sheet, '#reason-confirm');
  return reason;
}

let authorId: number;
let reportedTitle: string;

it('a member posts a photo held for a person, reports a post for fraud, and fills a queue past one page', async () => {
  await becomeMember(app.miniProgram, '拍照的人');
  const photo = path.join(scratch, 'street.png');
  await fs.writeFile(
    photo,
    await sharp({ create: { width: HELD_IMAGE_WIDTH, height: 24, channels: 3, background: '#a64' } })
      .png()
      .toBuffer(),
  );
  await app.miniProgram.mockWxMethod('chooseMedia', {
    type: 'image',
    tempFiles: [{ tempFilePath: photo, size: 512, fileType: 'image', width: HELD_IMAGE_WIDTH, height: 24 }],
  });
  const forum = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  await tap(forum, '#compose-button');
  const compose = await currentPage(app.miniProgram, 'pages/compose/index');
  await type(compose, '.compose__title', '街角新开的面包店');
  await type(compose, '.compose__body', '拍了一张门口的照片，大家路过可以去看看。');
  await tap(await component(compose, '#compose-images'), '#add-image');
  await tap(compose, '#compose-submit');
  expect(await text(compose, '.compose__result-title')).toBe('审核中');
  await app.miniProgram.restoreWxMethod('chooseMedia');

  authorId = (await api<{ id: number }>('GET', '/me')).id;
  const feed = await api<{ items: { id: number; title: string; boardId: number; staffOnly?: boolean }[] }>('GET', '/posts?limit=5');
  reportedTitle = feed.items[0].title;
  await api('POST', '/reports', { targetType: 'post', targetId: feed.items[0].id, reason: 'fraud' });

  const boards = await api<{ items: { id: number; staffOnly: boolean }[] }>('GET', '/boards');
  const boardId = boards.items.find((board) => !board.staffOnly)?.id;
  for (let i = 1; i <= QUEUE_PAGE + 1; i += 1) {
    await api('POST', '/posts', { boardId, title: `排队的帖子 ${i} [review]`, body: `第 ${i} 条等待人工审核的帖子。` });
  }
});

it('the moderator sees the held image, rejects the post with a reason, and its author reads the reason', async () => {
  const desk = await openDesk();
  await waitUntil('the photo post to reach the queue with its image', async () => {
    await app.miniProgram.callWxMethod('startPullDownRefresh');
    const rows = await elements(desk, '.moderation__row');
    const texts = await Promise.all(rows.map((row) => row.text()));
    return texts.some((rowText) => rowText.includes('街角新开的面包店')) && (await desk.$('.moderation__image')) !== null;
  });
  const row = await rowWith(desk, '街角新开的面包店');
  const images = await elements(row, '.moderation__image');
  expect(images).toHaveLength(1);
  // The image came through the moderator-only endpoint, downloaded with the token.
  expect(await images[0].attribute('src')).toBeTruthy();
  expect(await images[0].attribute('src')).not.toMatch(/^\/media\//);

  await tap(row, '.moderation__reject');
  const reason = await giveReason(desk);
  expect(reason).toBeTruthy();
  expect(await text(desk, '.moderation')).not.toContain('街角新开的面包店');

  // The author (the same WeChat user, once the reviewer logs out) reads the reason under 我的帖子.
  await tap(await go(app.miniProgram, 'switchTab', '/pages/me/index'), '#logout-entry');
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  // It is older than the 21 queued posts: on the second page of 我的帖子, which loads more.
  expect(await text(me, '.me__section')).not.toContain('街角新开的面包店');
  await tap(me, '#my-posts-more');
  await waitUntil('我的帖子 to show the rejected post', async () => (await text(me, '.me__section')).includes('街角新开的面包店'));
  const card = await component(
    me,
    `#mine-${(await api<{ items: { id: number; title: string }[] }>('GET', '/me/posts?limit=50')).items.find((p) => p.title === '街角新开的面包店')?.id}`,
  );
  expect(await text(card, '.post-card__status')).toBe('未通过审核');
  expect(await text(card, '.post-card__review-message')).toBe(reason);
});

it('a report shows its reason label, not its code', async () => {
  const desk = await openDesk();
  await tap(desk, '#tab-reports');
  const row = await rowWith(desk, '诈骗信息');
  expect(await row.text()).toContain('举报帖子：诈骗信息');
  expect(await row.text()).not.toContain('fraud');
  expect(reportedTitle).toBeTruthy();
});

it('a queue longer than one page loads more', async () => {
  const desk = await currentPage(app.miniProgram, 'pages/moderation/index');
  await tap(desk, '#tab-posts');
  const firstPage = await elements(desk, '.moderation__row');
  expect(firstPage).toHaveLength(QUEUE_PAGE);
  await tap(desk, '#load-more');
  const all = await elements(desk, '.moderation__row');
  expect(all.length).toBe(QUEUE_PAGE + 1);
  const texts = await Promise.all(all.map((row) => text(row, '.moderation__title')));
  expect(new Set(texts).size).toBe(texts.length);
  expect(texts).toContain(`排队的帖子 ${QUEUE_PAGE + 1} [review]`);
  expect(await desk.$('#load-more')).toBeNull();
});

it('a ban given with a reason is listed, and 解除禁言 lifts it', async () => {
  const desk = await currentPage(app.miniProgram, 'pages/moderation/index');
  const row = await rowWith(desk, '排队的帖子 1 [review]');
  await tap(row, '.moderation__ban');
  await giveReason(desk, '多次发布相同内容');

  await tap(desk, '#tab-bans');
  const banned = await rowWith(desk, '拍照的人');
  expect(await banned.text()).toContain('原因：多次发布相同内容');
  await tap(banned, '.moderation__unban');
  expect(await text(desk, '.moderation')).not.toContain('拍照的人');

  await tap(desk, '#tab-actions');
  const log = await text(desk, '.moderation');
  expect(log).toContain('解除禁言');
  expect(log).toContain(`禁言用户 · user ${authorId}`);
});
