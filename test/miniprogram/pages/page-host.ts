/**
 * Shared set-up of the page tests: the real mini program against a real listening server, with
 * this pages added to app.json as the host reads it (until the app shell lists them; a
 * no-op once it does). The override is test-only: nothing on disk changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createTestApp, type TestApp } from '../../support/server/test-app';
import type { WxFake } from '../../support/miniprogram/wx-fake';
import { createAppHost, type AppHost } from '../../support/miniprogram/app-host';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
export const PAGES = ['pages/me/index', 'pages/profile/index', 'pages/login/index', 'pages/agreement/index', 'pages/moderation/index'];
const appJsonPath = path.join(miniprogramRoot, 'app.json');

/** Makes the host see PAGES in app.json (call once per test file, before createAppHost). */
export function listOurPages(): void {
  const original = fs.readFileSync.bind(fs) as (file: fs.PathOrFileDescriptor, options?: unknown) => string | Buffer;
  jest.spyOn(fs, 'readFileSync').mockImplementation(((file: fs.PathOrFileDescriptor, options?: unknown) => {
    const content = original(file, options);
    if (typeof file !== 'string' || path.resolve(file) !== appJsonPath) return content;
    const json = JSON.parse(content.toString()) as { pages: string[] };
    json.pages = [...json.pages, ...PAGES.filter((page) => !json.pages.includes(page))];
    const text = JSON.stringify(json);
    return typeof content === 'string' ? text : Buffer.from(text);
  }) as typeof fs.readFileSync);
}

export async function startServer(wxFake: WxFake): Promise<TestApp> {
  const server = await createTestApp({}, { listen: true });
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
  return sharp({ create: { width, height, channels: 3, background: '#4a7' } }).png().toBuffer();
}

/** Logs in with the reviewer account through 我的 → 测试账号登录, back on 我的. */
export async function loginAsReviewer(host: AppHost, server: TestApp, password: string): Promise<void> {
  await host.tap('#test-login-entry');
  expect(host.currentPage().route).toBe('pages/login/index');
  await host.input('.login__username', server.config.testAccount.username);
  await host.input('.login__password', password);
  await host.tap('.login__submit');
}
