/**
 * The server under test, in-process (`app.inject`, no port), on a fresh database, talking to a
 * real fake WeChat over real HTTP, with every log line captured so tests can inspect them.
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../../server/src/app';
import { loadConfig, type Config } from '../../../server/src/config';
import { FAKE_WECHAT_PROBE_SAMPLE } from '../../../server/src/dev/probe-sample';
import { seedDatabase, type SeedResult } from '../../../server/src/dev/seed/seed';
import { startFakeWeChat, type FakeWeChat } from '../../../server/src/dev/fake-wechat';
import { createLogger } from '../../../server/src/lib/logger';
import type { TokenPair } from '@wx-community-starter/contract';
import { createWeChatClient } from '../../../server/src/wechat/wechat-client';
import { openTestDatabase, type TestDatabase } from './test-database';

export const TEST_ACCOUNT_PASSWORD = 'reviewer-password-for-tests';

export interface TestApp {
  app: FastifyInstance;
  fake: FakeWeChat;
  database: TestDatabase;
  config: Config;
  seed: SeedResult;
  /** http://127.0.0.1:PORT when listening, else ''. */
  baseUrl: string;
  mediaDir: string;
  logs: string[];
  request(options: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  loginAsGuest(openid?: string): Promise<TokenPair>;
  /** A guest who has set an (accepted) nickname, so they may post. */
  loginAsMember(nickname?: string, openid?: string): Promise<TokenPair>;
  loginAsTestAccount(): Promise<TokenPair>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /**
   * Listen on a real loopback port, with the job runner polling, so the fake WeChat can download
   * images from the server and push signed callbacks to it, as WeChat would.
   */
  listen?: boolean;
  /** SQLite in a temporary file (not memory), so a second instance can open the same database (second-instance.ts). */
  sharedDatabase?: boolean;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const fake = await startFakeWeChat({ appId: 'wxtestapp', appSecret: 'test-app-secret-value' });
  const port = options.listen ? await freePort() : 0;
  const mediaDir = await fs.mkdtemp(path.join(os.tmpdir(), 'community-media-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    WECHAT_API_BASE_URL: fake.url,
    WECHAT_APPID: 'wxtestapp',
    WECHAT_SECRET: 'test-app-secret-value',
    WECHAT_TIMEOUT_MS: '500',
    CONTENT_CHECK_PROBE_TEXT: FAKE_WECHAT_PROBE_SAMPLE,
    TEST_ACCOUNT_PASSWORD,
    CONTENT_RECHECK_BACKOFF_BASE_MS: '1000',
    CONTENT_RECHECK_POLL_MS: '20',
    MEDIA_DIR: mediaDir,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // Generous limits so ordinary tests never trip them; the rate-limit tests lower them.
    RATE_LIMIT_LOGINS_PER_MINUTE: '1000',
    RATE_LIMIT_POSTS_PER_MINUTE: '1000',
    RATE_LIMIT_COMMENTS_PER_MINUTE: '1000',
    RATE_LIMIT_PROFILE_UPDATES_PER_MINUTE: '1000',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger(config, sink);
  const database = await openTestDatabase({ shared: options.sharedDatabase });
  const seed = await seedDatabase(database.handle.db, config);
  const wechat = createWeChatClient({
    baseUrl: fake.url,
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    timeoutMs: config.wechat.timeoutMs,
    logger,
  });
  const app = await buildApp({ config, database: database.handle, wechat, logger });
  await app.ready();
  let baseUrl = '';
  if (options.listen) {
    baseUrl = await app.listen({ host: '127.0.0.1', port });
    app.jobs.start();
    fake.configurePush({
      url: `${baseUrl}/wechat/push`,
      token: config.push.token,
      encodingAesKey: config.push.encodingAesKey,
      mode: 'plaintext',
    });
  }

  const request: TestApp['request'] = ({ token, headers, ...options }) =>
    app.inject({ ...options, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  async function expectTokens(response: Awaited<ReturnType<TestApp['request']>>): Promise<TokenPair> {
    if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
    return response.json<TokenPair>();
  }

  const testApp: TestApp = {
    app,
    fake,
    database,
    config,
    seed,
    baseUrl,
    mediaDir,
    logs,
    request,
    async loginAsGuest(openid) {
      return expectTokens(await request({ method: 'POST', url: '/auth/wechat', payload: { code: fake.issueLoginCode(openid) } }));
    },
    async loginAsMember(nickname = '山间小径', openid) {
      const tokens = await testApp.loginAsGuest(openid);
      const response = await request({ method: 'PUT', url: '/me', token: tokens.accessToken, payload: { nickname } });
      if (response.statusCode !== 200) throw new Error(`nickname refused: ${response.body}`);
      return { ...tokens, user: response.json().user };
    },
    async loginAsTestAccount() {
      return expectTokens(
        await request({
          method: 'POST',
          url: '/auth/password',
          payload: { username: config.testAccount.username, password: TEST_ACCOUNT_PASSWORD, code: fake.issueLoginCode() },
        }),
      );
    },
    async close() {
      await app.close();
      await database.drop();
      await fake.close();
      await fs.rm(mediaDir, { recursive: true, force: true });
    },
  };
  return testApp;
}
