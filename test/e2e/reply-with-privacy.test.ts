/**
 * Journey (b): a guest opens a post and taps the reply box; without a nickname they are sent to
 * 设置头像昵称, where the privacy popup appears. 不同意 sends nothing and explains why; trying
 * again and 同意 lets them save a nickname, go back and publish a reply everyone can read.
 */
import { component, currentPage, element, elements, tap, text, type } from './support/elements';
import { useMiniProgram } from './support/mini-program';

/** WeChat refuses privacy APIs for 10 s after 不同意; the headless host is told to wait 300 ms. */
const REFUSAL_WINDOW_MS = 300;

const app = useMiniProgram({ hostArgs: ['--privacy-refusal-window-ms', String(REFUSAL_WINDOW_MS)] });

it('(b) post → reply → privacy popup: disagree sends nothing, agree + nickname → reply published', async () => {
  const forum = await currentPage(app.miniProgram);
  const pinned = await elements(forum, '.forum__pinned .forum__card');
  const titles = await Promise.all(pinned.map((card) => card.text()));
  const welcome = pinned[titles.findIndex((title) => title.includes('欢迎来到社区'))];
  await tap(welcome, '.post-card');

  const post = await currentPage(app.miniProgram, 'pages/post/index');
  expect(await text(post, '.post-page')).toContain('欢迎来到社区');

  // A guest without a nickname is sent to the profile form, where the privacy popup shows.
  await tap(post, '#reply-input');
  const profile = await currentPage(app.miniProgram, 'pages/profile/index');
  const popup = await component(profile, '#privacy-popup');
  expect(await text(popup, '.privacy-popup')).toContain('用户隐私保护提示');

  // 不同意: the page explains, stays usable, and nothing was saved.
  await tap(popup, '#privacy-disagree');
  expect(await popup.$('.privacy-popup')).toBeNull();
  expect(await text(profile, '.profile__declined')).toContain('需要先同意《隐私保护指引》');
  expect(await (await element(profile, '.profile__current')).text()).not.toContain('当前昵称');

  // Later the guest changes their mind: the popup comes back and 同意 unlocks the form.
  await new Promise((resolve) => setTimeout(resolve, app.headless ? REFUSAL_WINDOW_MS + 100 : 10_500));
  await tap(profile, '.profile__retry');
  await tap(popup, '#privacy-agree');
  expect(await profile.$('.profile__declined')).toBeNull();

  const nickname = '林间漫步';
  await type(profile, '.profile__nickname', nickname);
  await tap(profile, '.profile__submit');
  expect(await text(profile, '.profile__current')).toContain(`当前昵称：${nickname}`);

  // Back on the post the reply goes out and is public.
  await app.miniProgram.callWxMethod('navigateBack', { delta: 1 });
  const back = await currentPage(app.miniProgram, 'pages/post/index');
  await type(back, '#reply-input', '新人报到，请多关照');
  await tap(back, '#reply-send');
  const comments = await text(back, '.post-page__comments');
  expect(comments).toContain('新人报到，请多关照');
  expect(comments).toContain(nickname);
});
