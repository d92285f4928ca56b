import { ConfigError, DEV_JWT_SECRET, EXAMPLE_TEST_ACCOUNT_PASSWORD, loadConfig } from '../../server/src/config';

const productionEnv = {
  NODE_ENV: 'production',
  JWT_SECRET: 'k3Jq9vXw2LmP7rT4yB8nC1hF6sD0gZ5aE9uR2tY7iO4pW',
  WECHAT_APPID: 'wx1234567890abcdef',
  WECHAT_SECRET: 'real-secret-from-the-admin-console',
  DATABASE_URL: 'postgres://community@db.internal/community',
  WECHAT_PUSH_TOKEN: 'consoletoken123',
  WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  PUBLIC_BASE_URL: 'https://community.example.cn',
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

describe('loadConfig', () => {
  it('gives development safe defaults: SQLite, the real WeChat URL unless told otherwise, docs on', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.database.kind).toBe('sqlite');
    expect(config.host).toBe('127.0.0.1');
    expect(config.openApiDocs).toBe(true);
    expect(config.testAccount).toMatchObject({ username: 'reviewer', role: 'member', password: undefined });
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@localhost/db' }).database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@localhost/db',
    });
  });

  it('accepts a complete production configuration and turns the docs UI off', () => {
    const config = loadConfig(productionEnv);
    expect(config.env).toBe('production');
    expect(config.openApiDocs).toBe(false);
    expect(config.host).toBe('0.0.0.0');
  });

  it('refuses production without real secrets', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/JWT_SECRET/);
    expect(problems.join('\n')).toMatch(/WECHAT_APPID/);
    expect(problems.join('\n')).toMatch(/WECHAT_SECRET/);
    expect(problemsOf({ ...productionEnv, JWT_SECRET: DEV_JWT_SECRET }).join()).toMatch(/JWT_SECRET/);
  });

  it.each(['http://127.0.0.1:3001', 'https://localhost:3001', 'http://api.weixin.qq.com'])(
    'refuses the development-only WeChat base URL %s in production',
    (url) => {
      expect(problemsOf({ ...productionEnv, WECHAT_API_BASE_URL: url }).join()).toMatch(/WECHAT_API_BASE_URL/);
    },
  );

  it('allows second-long access tokens in development only', () => {
    expect(loadConfig({ ACCESS_TOKEN_TTL_SECONDS: '1' }).auth.accessTokenTtlSeconds).toBe(1);
    expect(problemsOf({ ...productionEnv, ACCESS_TOKEN_TTL_SECONDS: '10' }).join()).toMatch(/ACCESS_TOKEN_TTL_SECONDS/);
    expect(problemsOf({ ...productionEnv, ACCESS_TOKEN_TTL_SECONDS: '300' })).toEqual([]);
  });

  it('refuses the example or a short test-account password in production', () => {
    expect(problemsOf({ ...productionEnv, TEST_ACCOUNT_PASSWORD: EXAMPLE_TEST_ACCOUNT_PASSWORD }).join()).toMatch(/TEST_ACCOUNT_PASSWORD/);
    expect(problemsOf({ ...productionEnv, TEST_ACCOUNT_PASSWORD: 'short' }).join()).toMatch(/TEST_ACCOUNT_PASSWORD/);
    expect(problemsOf({ ...productionEnv, TEST_ACCOUNT_PASSWORD: 'a-long-reviewer-passphrase' })).toEqual([]);
  });

  it('refuses the development push Token/EncodingAESKey and a local public URL in production', () => {
    const problems = problemsOf({
      ...productionEnv,
      WECHAT_PUSH_TOKEN: 'developmentpushtoken',
      PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    }).join();
    expect(problems).toMatch(/WECHAT_PUSH_TOKEN/);
    expect(problems).toMatch(/PUBLIC_BASE_URL/);
  });

  it('reports malformed numbers instead of guessing', () => {
    expect(problemsOf({ PORT: 'eighty' }).join()).toMatch(/port/);
  });
});
