/** 设置头像昵称: privacy agreement first, avatar upload (审核中), nickname saved; a risky nickname is refused in Chinese. */
import type { TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { openHost, png, startServer, storedAccessToken } from './page-host';

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

async function submitNickname(nickname: string): Promise<void> {
  await host.input('.profile__nickname', nickname);
  host.find('.profile__form').dispatchEvent('submit', { detail: { value: { nickname }, target: {} } });
  await host.settle();
}

it('asks for privacy agreement, uploads the avatar and saves the nickname', async () => {
  wxFake.privacy.reset();
  host = openHost();
  await host.launch('/pages/me/index');
  await host.tap('.me__setup');
  expect(host.currentPage().route).toBe('pages/profile/index');
  expect(wxFake.privacy.pending).toBe(1);
  expect(host.text('#privacy-popup >>> .privacy-popup')).toContain('隐私保护指引');
  await host.tap('#privacy-popup >>> #privacy-agree');
  expect(wxFake.privacy.agreed).toBe(true);
  expect(wxFake.privacy.violations).toEqual([]);

  const avatar = wxFake.registerTempFile({ data: await png(40) }, 'png');
  host.find('.profile__avatar-button').dispatchEvent('chooseavatar', { detail: { avatarUrl: avatar } });
  await host.settle();
  expect(wxFake.requests.some((r) => r.url.endsWith('/media'))).toBe(true);

  await submitNickname('晨光小筑');
  expect(wxFake.requests).toContainEqual(expect.objectContaining({ method: 'PUT', statusCode: 200 }));
  const me = await server.request({ method: 'GET', url: '/me', token: storedAccessToken(wxFake) });
  expect(me.json()).toEqual(expect.objectContaining({ nickname: '晨光小筑' }));
  expect(host.text()).toContain('当前昵称：晨光小筑');
});

it("shows the server's Chinese refusal for a risky nickname and keeps the old one", async () => {
  await submitNickname('[risky]坏名字');
  const refused = wxFake.requests.filter((r) => r.method === 'PUT').pop();
  expect(refused?.statusCode).toBe(422);
  const message = host.text('.profile__error');
  expect(message).toMatch(/[\u4e00-\u9fa5]/);
  const me = await server.request({ method: 'GET', url: '/me', token: storedAccessToken(wxFake) });
  expect(me.json()).toEqual(expect.objectContaining({ nickname: '晨光小筑' }));
});
