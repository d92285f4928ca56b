/**
 * Journeys (c) and (e): a member's posts that the (fake) WeChat check marks pass / review / risky
 * are published / shown 审核中 to their author only / refused with a message; then the reviewer
 * test account logs in, approves the held post in 审核管理, and the post reaches the public feed.
 */
import type Page from 'miniprogram-automator/out/Page';
import { currentPage, elements, go, tap, text, type } from './support/elements';
import { becomeMember } from './support/member';
import { useMiniProgram } from './support/mini-program';

const app = useMiniProgram();

async function feedTitles(forum: Page): Promise<string[]> {
  return Promise.all((await elements(forum, '.forum__feed .forum__card')).map(async (card) => text(card, '.post-card__title')));
}

type ToastLog = { shownToasts?: string[] };

/** Records the toasts the app shows (they are native UI, outside the page's WXML). */
async function recordToasts(): Promise<void> {
  await app.miniProgram.mockWxMethod('showToast', function record(options: { title: string }) {
    const log = globalThis as unknown as ToastLog;
    log.shownToasts = [...(log.shownToasts ?? []), options.title];
    return Promise.resolve({ errMsg: 'showToast:ok' });
  });
}
const shownToasts = async () => (await app.miniProgram.evaluate(() => (globalThis as unknown as ToastLog).shownToasts ?? [])) as string[];

async function publish(title: string, body: string): Promise<{ title: string; message: string } | { toast: string }> {
  const forum = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  await tap(forum, '#compose-button');
  const compose = await currentPage(app.miniProgram, 'pages/compose/index');
  await type(compose, '.compose__title', title);
  await type(compose, '.compose__body', body);
  await tap(compose, '#compose-submit');
  if (!(await compose.$('.compose__result'))) return { toast: (await shownToasts()).at(-1) ?? '' };
  return { title: await text(compose, '.compose__result-title'), message: await text(compose, '.compose__result-message') };
}

it('(c) pass is published, review is 审核中 for its author only, risky is refused', async () => {
  await recordToasts();
  await becomeMember(app.miniProgram, '山间小路');

  const passed = await publish('周末的菜市场', '今天买到了很新鲜的豆角，回家做了焖面。');
  expect(passed).toEqual({ title: '发布成功', message: '帖子已经发布，大家都能看到了' });

  const held = await publish('徒步路线推荐 [review]', '想找一条适合新手的徒步路线，大家有推荐吗？');
  expect(held).toEqual({ title: '审核中', message: '管理员确认后其他人就能看到' });

  // Refused outright: nothing is stored, the compose page keeps the text and says why.
  const refused = await publish('今天的心情 [risky]', '随便写写今天发生的事情。');
  expect(refused).toEqual({ toast: '内容可能包含不当信息，请修改后再发布' });
  expect(await (await currentPage(app.miniProgram)).data('title')).toBe('今天的心情 [risky]');

  const forum = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  await app.miniProgram.callWxMethod('startPullDownRefresh');
  const titles = await feedTitles(forum);
  expect(titles).toContain('周末的菜市场');
  expect(titles).not.toContain('徒步路线推荐 [review]');
  expect(titles).not.toContain('今天的心情 [risky]');

  // Its author sees the held post under 我的帖子, marked 审核中; the refused one was never stored.
  const mine = await text(await go(app.miniProgram, 'switchTab', '/pages/me/index'), '.me__section');
  expect(mine).toContain('徒步路线推荐 [review]');
  expect(mine).toContain('审核中');
  expect(mine).not.toContain('今天的心情');
});

it('(e) the reviewer test account approves the held post, which then reaches the public feed', async () => {
  const [account] = (await app.miniProgram.testAccounts()) as { username: string; password: string }[];
  expect(account?.username).toBeTruthy();

  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  await tap(me, '#password-login-entry');
  const login = await currentPage(app.miniProgram, 'pages/login/index');
  await type(login, '.login__username', account.username);
  await type(login, '.login__password', account.password);
  await tap(login, '.login__submit');

  const moderatorMe = await currentPage(app.miniProgram, 'pages/me/index');
  await tap(moderatorMe, '#moderation-entry');
  const moderation = await currentPage(app.miniProgram, 'pages/moderation/index');
  const rows = await elements(moderation, '.moderation__row');
  const texts = await Promise.all(rows.map((row) => row.text()));
  const heldRow = rows[texts.findIndex((rowText) => rowText.includes('徒步路线推荐'))];
  expect(heldRow).toBeDefined();
  await tap(heldRow, '.moderation__approve');
  expect(await text(moderation, '.moderation')).not.toContain('徒步路线推荐');

  // Logged out, the app is a guest again: the approved post is in the public feed.
  const back = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  await tap(back, '#logout-entry');
  const forum = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  await app.miniProgram.callWxMethod('startPullDownRefresh');
  expect(await feedTitles(forum)).toContain('徒步路线推荐 [review]');
});
