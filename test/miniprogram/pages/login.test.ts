/** 账号密码登录: a wrong password is refused in Chinese; the reviewer account logs in and 我的 shows 审核管理. */
import { TEST_ACCOUNT_PASSWORD, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
import { loginAsReviewer, openHost, startServer } from './page-host';

const wxFake = installWxFake();
let server: TestApp;
let host: AppHost;

beforeAll(async () => {
  server = await startServer(wxFake, { TEST_ACCOUNT_ROLE: 'moderator' });
});
afterAll(async () => {
  host?.close();
  await server.close();
});

it('refuses a wrong password with a Chinese message, then logs the reviewer in', async () => {
  host = openHost();
  await host.launch('/pages/me/index');
  expect(host.text()).not.toContain('审核管理');

  await loginAsReviewer(host, server, 'not-the-password');
  expect(host.currentPage().route).toBe('pages/login/index');
  expect(host.text('.login__error')).toMatch(/[\u4e00-\u9fa5]/);
  expect(host.text()).toContain('账号密码登录');

  await host.input('.login__password', TEST_ACCOUNT_PASSWORD);
  await host.tap('.login__submit');
  expect(host.currentPage().route).toBe('pages/me/index');
  expect(host.text()).toContain('审核管理');
  expect(host.text()).toContain('退出登录');

  await host.tap('#logout-entry');
  expect(host.text()).not.toContain('审核管理');
});

it('cancel goes back without logging in', async () => {
  await host.tap('#password-login-entry');
  await host.tap('.login__cancel');
  expect(host.currentPage().route).toBe('pages/me/index');
});
