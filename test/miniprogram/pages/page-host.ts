/** Shared set-up of the page and journey tests: the real mini program against a real listening server. */
import path from 'node:path';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import type { WxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from 'miniprogram-headless-host/runtime';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
export async function startServer(wxFake: WxFake, env: Record<string, string> = {}): Promise<TestApp> {
  const server = await createTestApp(env, { listen: true });
  wxFake.configure({ fakeWeChatUrl: server.fake.url, rewriteOrigins: { 'http://127.0.0.1:3000': server.baseUrl } });
  return server;
}

export function openHost(): AppHost {
  return createAppHost({ rootPath: miniprogramRoot });
}

/** The session the mini program stored (auth.service's one storage key). */
export function storedAccessToken(wxFake: WxFake): string {
  const stored = wxFake.storage.get('community.session.v1') as { accessToken?: string } | undefined;
  if (!stored?.accessToken) throw new Error('no stored session');
  return stored.accessToken;
}

export function png(width: number, height = 40): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#4a7' } })
    .png()
    .toBuffer();
}

/** Logs in with the reviewer account through 我的 → 账号密码登录, back on 我的. */
export async function loginAsReviewer(host: AppHost, server: TestApp, password: string): Promise<void> {
  await host.tap('#password-login-entry');
  expect(host.currentPage().route).toBe('pages/login/index');
  await host.input('.login__username', server.config.testAccount.username);
  await host.input('.login__password', password);
  await host.tap('.login__submit');
}
