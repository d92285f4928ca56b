/** 我的 as a guest: a friendly guest state, no login prompt; settings lead to the agreement. */
import type { TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { AppHost } from 'miniprogram-headless-host/runtime';
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

it('shows a guest the guest state, never a login prompt, and the settings', async () => {
  host = openHost();
  await host.launch('/pages/me/index');
  const text = host.text();
  expect(text).toContain('游客');
  expect(text).toContain('设置头像昵称');
  expect(text).toContain('用户协议与社区公约');
  expect(text).not.toContain('审核管理');
  expect(text).not.toContain('请登录');
  expect(wxFake.modals).toEqual([]);
  expect(host.stack().map((p) => p.route)).toEqual(['pages/me/index']);
  expect(wxFake.requests.filter((r) => r.url.includes('/auth/password'))).toEqual([]);

  await host.tap('#agreement-entry');
  expect(host.currentPage().route).toBe('pages/agreement/index');
  expect(host.text()).toContain('社区公约');
  await host.navigateBack();
  await host.tap('.me__setup');
  expect(host.currentPage().route).toBe('pages/profile/index');
});
