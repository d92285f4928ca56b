/**
 * Smaller findings of the audit (issue 12, item 11): production values judged by what they are,
 * bad URL escapes in the project's error shape, no internal detail in production error bodies,
 * and the fake WeChat's logs bounded.
 */
import pino from 'pino';
import { buildApp } from '../../../server/src/app';
import { ConfigError, loadConfig } from '../../../server/src/config';
import { CALL_LOG_LIMIT, CallLog } from '../../../server/src/dev/fake-wechat/call-log';
import { PUSH_LOG_LIMIT, PushLog } from '../../../server/src/dev/fake-wechat/push-log';
import { createTestApp } from '../../support/server/test-app';
import { openTestDatabase } from '../../support/server/test-database';

const productionEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'k3Jq9vXw2LmP7rT4yB8nC1hF6sD0gZ5aE9uR2tY7iO4pW',
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'real-secret-from-the-admin-console',
  DATABASE_URL: 'postgres://community@db.internal/community',
  WECHAT_PUSH_TOKEN: 'consoletoken123',
  WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  PUBLIC_BASE_URL: 'https://community.example.cn',
  TEST_ACCOUNT_PASSWORD: 'Vq7#kP2m!xR9sL4w',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('production configuration', () => {
  it('accepts the sample', () => expect(problemsOf(productionEnv)).toEqual([]));

  it('refuses low-entropy secrets', () => {
    expect(problemsOf({ ...productionEnv, JWT_SECRET: 'a'.repeat(32) }).join()).toMatch(/JWT_SECRET/);
    expect(problemsOf({ ...productionEnv, JWT_SECRET: 'ab'.repeat(32) }).join()).toMatch(/JWT_SECRET/);
    expect(problemsOf({ ...productionEnv, TEST_ACCOUNT_PASSWORD: 'a'.repeat(12) }).join()).toMatch(/TEST_ACCOUNT_PASSWORD/);
  });

  it.each([
    'https://localhost.',
    'https://LOCALHOST',
    'https://172.16.0.1',
    'https://172.31.255.254',
    'https://169.254.169.254',
    'https://100.64.0.1',
    'https://0.0.0.0',
    'https://[::1]',
    'https://[fd00::1]',
    'https://intranet',
    'https://api.local',
    'http://community.example.cn',
  ])('refuses %s as a public URL', (url) => {
    expect(problemsOf({ ...productionEnv, PUBLIC_BASE_URL: url }).join()).toMatch(/PUBLIC_BASE_URL/);
  });

  it('accepts a public address that merely looks close', () => {
    expect(problemsOf({ ...productionEnv, PUBLIC_BASE_URL: 'https://172.32.0.1' })).toEqual([]);
  });
});

describe('error answers', () => {
  it('answers a bad URL escape in the project shape', async () => {
    const t = await createTestApp();
    try {
      const response = await t.request({ method: 'GET', url: '/posts/%ff' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    } finally {
      await t.close();
    }
  });

  it('carries no detail in production, and does in development', async () => {
    const t = await createTestApp();
    try {
      expect((await t.request({ method: 'GET', url: '/posts/0' })).json()).toHaveProperty('detail');
    } finally {
      await t.close();
    }
    const database = await openTestDatabase();
    const app = await buildApp({
      config: loadConfig({ ...productionEnv, MEDIA_DIR: '/tmp/community-media-unused' }),
      database: database.handle,
      wechat: {} as never,
      logger: pino({ level: 'silent' }),
    });
    try {
      for (const url of ['/posts/0', '/posts/999999', '/nowhere', '/posts/%ff']) {
        const body = (await app.inject({ method: 'GET', url })).json();
        expect({ url, body }).toEqual({ url, body: { code: expect.any(String), message: expect.any(String) } });
      }
    } finally {
      await app.close();
      await database.drop();
    }
  });
});

describe('the fake WeChat', () => {
  it('keeps bounded call and push logs', () => {
    const calls = new CallLog();
    for (let i = 0; i < CALL_LOG_LIMIT + 50; i++) calls.record('msg_sec_check', { content: String(i) });
    expect(calls.byApi.msg_sec_check).toHaveLength(CALL_LOG_LIMIT);
    expect(calls.byApi.msg_sec_check.at(-1)).toEqual({ content: String(CALL_LOG_LIMIT + 49) });
    const pushes = new PushLog();
    for (let i = 0; i < PUSH_LOG_LIMIT + 5; i++) pushes.record({ traceId: String(i) } as never);
    expect(pushes.list).toHaveLength(PUSH_LOG_LIMIT);
  });
});
