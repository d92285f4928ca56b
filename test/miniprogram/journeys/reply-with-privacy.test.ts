/**
 * Journey (b): a guest reads the forum, opens a post and taps the reply box; without a nickname
 * they land on 设置头像昵称, where the privacy popup appears. 不同意 sends nothing and explains
 * why; trying again and 同意 lets them set a nickname, go back and publish a reply.
 */
import type { TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { openHost, startServer } from '../pages/page-host';

const wxFake = installWxFake();
const OPENID = 'o_journey_reply_privacy';
let server: TestApp;
let host: AppHost;
let welcomeId: number;

beforeAll(async () => {
  server = await startServer(wxFake);
  wxFake.setOpenid(OPENID);
  const pinned = (await server.request({ method: 'GET', url: '/posts?pinned=true' })).json().items as { id: number; title: string }[];
  welcomeId = pinned.find((p) => p.title === '欢迎来到社区')?.id ?? 0;
  expect(welcomeId).toBeGreaterThan(0);
});
afterAll(async () => {
  host?.close();
  await server.close();
});

const writes = () => wxFake.requests.filter((r) => (r.method === 'PUT' && /\/me(\?|$)/.test(r.url)) || (r.method === 'POST' && /\/comments(\?|$)/.test(r.url)));

it('guest → post → reply box → privacy: disagree sends nothing, agree + nickname → reply published', async () => {
  wxFake.privacy.reset();
  host = openHost();
  await host.launch('/pages/forum/index');
  expect(host.text('.forum__pinned')).toContain('欢迎来到社区');

  // Open the welcome post from its card (the card raises `open`, the forum navigates).
  await host.tap(`.forum__pinned >>> #post-${welcomeId}`);
  expect(host.currentPage().route).toBe('pages/post/index');
  expect(host.text()).toContain('欢迎来到社区');

  // The reply box: a guest without a nickname is sent to the profile form first.
  await host.tap('#reply-input');
  expect(host.currentPage().route).toBe('pages/profile/index');
  expect(wxFake.privacy.pending).toBe(1);
  expect(host.text('#privacy-popup >>> .privacy-popup')).toContain('用户隐私保护提示');

  // 不同意: nothing is sent, the page explains and stays readable.
  await host.tap('#privacy-popup >>> #privacy-disagree');
  expect(wxFake.privacy.agreed).toBe(false);
  expect(wxFake.privacy.pending).toBe(0);
  expect(writes()).toEqual([]);
  expect(host.text('.profile__declined')).toContain('需要先同意《隐私保护指引》');
  expect(host.text()).not.toContain('用户隐私保护提示');

  // Later (WeChat refuses privacy APIs for 10 s after a refusal) the user tries again and agrees.
  wxFake.privacy.forgetRefusal();
  await host.tap('.profile__retry');
  expect(wxFake.privacy.pending).toBe(1);
  await host.tap('#privacy-popup >>> #privacy-agree');
  expect(wxFake.privacy.agreed).toBe(true);
  expect(wxFake.privacy.violations).toEqual([]);
  expect(host.text()).not.toContain('需要先同意《隐私保护指引》');

  const nickname = '林间漫步';
  await host.input('.profile__nickname', nickname);
  host.find('.profile__form').dispatchEvent('submit', { detail: { value: { nickname }, target: {} } });
  await host.settle();
  expect(wxFake.requests.filter((r) => r.method === 'PUT' && /\/me(\?|$)/.test(r.url))).toEqual([expect.objectContaining({ statusCode: 200 })]);
  expect(host.text()).toContain(`当前昵称：${nickname}`);

  // Back on the post, the reply goes out and is public.
  await host.navigateBack();
  expect(host.currentPage().route).toBe('pages/post/index');
  await host.tap('#reply-input');
  expect(host.currentPage().route).toBe('pages/post/index');
  await host.input('#reply-input', '新人报到，请多关照');
  await host.tap('#reply-send');
  expect(wxFake.toasts).toContainEqual(expect.objectContaining({ title: '评论成功' }));
  expect(host.text()).toContain('新人报到，请多关照');

  const comments = (await server.request({ method: 'GET', url: `/posts/${welcomeId}/comments` })).json().items as { body: string; author: { nickname: string } }[];
  expect(comments).toContainEqual(expect.objectContaining({ body: '新人报到，请多关照', author: expect.objectContaining({ nickname }) }));
});
