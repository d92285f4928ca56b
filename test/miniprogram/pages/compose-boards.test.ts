/**
 * The compose page's board picker: when the boards cannot load it says so with a retry (never a
 * picker stuck on 加载中…), and a member is never offered a staff-only board (公告) the server
 * would refuse them.
 */
import path from 'node:path';
import type { Board } from '@wx-community-starter/contract';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import { installWxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';

const wxFake = installWxFake();
const rootPath = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
const OPENID = 'o_compose_boards_member';
let server: TestApp;
let host: AppHost;

beforeAll(async () => {
  server = await createTestApp({}, { listen: true });
  wxFake.setOpenid(OPENID);
  await server.loginAsMember('看版块的人', OPENID);
});
afterAll(async () => {
  host?.close();
  await server.close();
});

it('shows an error with a retry when the boards cannot load, then a picker without staff-only boards', async () => {
  // Nothing answers on port 9: every request fails as on a dead network.
  wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { 'http://127.0.0.1:3000': 'http://127.0.0.1:9' } });
  host = createAppHost({ rootPath });
  await host.launch('/pages/compose/index');
  expect(host.text('#boards-error')).toContain('版块加载失败');
  expect(host.text()).not.toContain('加载中…');

  wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { 'http://127.0.0.1:3000': server.baseUrl } });
  await host.tap('#boards-error >>> #retry-button');
  expect(host.text()).not.toContain('版块加载失败');

  const boards = (await server.request({ method: 'GET', url: '/boards' })).json<{ items: Board[] }>().items;
  const staffOnly = boards.filter((board) => board.staffOnly).map((board) => board.name);
  expect(staffOnly.length).toBeGreaterThan(0);
  const offered = (host.currentPage().component.instance.data as { boardNames: string[] }).boardNames;
  expect(offered.length).toBe(boards.length - staffOnly.length);
  for (const name of staffOnly) expect(offered).not.toContain(name);
});
