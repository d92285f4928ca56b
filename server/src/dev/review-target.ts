/**
 * This template's adapter for the review kit (review.config.json `server.entry`): the
 * development stack (server + fake WeChat, free ports, throwaway seeded SQLite) as a ReviewTarget,
 * with the template's ways to log in — a WeChat user who set a nickname (a member who may post)
 * and the seeded test account — and the fake WeChat's risky marker as the kit's probe text.
 */
import { randomBytes } from 'node:crypto';
import type { ReviewTarget } from 'miniprogram-review-kit';
import { startDevStack } from './dev-stack';
import { RISKY_MARKER } from './fake-wechat/verdict-rule';

/** Nickname of the member the kit posts as: it must pass the fake WeChat's check (no marker). */
const MEMBER_NICKNAME = '审核工具会员';

function reviewEnv(): Record<string, string | undefined> {
  // Test mode: development defaults without the /docs UI, whose static-file plugin is ESM-only
  // and cannot load in a jest worker (the kit reads the OpenAPI document in-process instead).
  const env: Record<string, string | undefined> = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error' };
  // The kit always talks to the fake WeChat, whatever the shell says.
  for (const name of ['WECHAT_API_BASE_URL', 'DATABASE_URL', 'FAKE_WECHAT_PORT', 'TEST_ACCOUNT_PASSWORD', 'TEST_ACCOUNT_ROLE'])
    delete env[name];
  // Every write route is exercised in a burst; the rate limits are not what is under review here.
  // The kit's dynamic rules walk the moderation routes as the test account: a moderator here only.
  env.TEST_ACCOUNT_ROLE = 'moderator';
  for (const name of ['POSTS', 'COMMENTS', 'REPORTS', 'UPLOADS', 'PROFILE_UPDATES', 'LOGINS', 'PASSWORD_ATTEMPTS'])
    env[`RATE_LIMIT_${name}_PER_MINUTE`] = '1000';
  return env;
}

async function json(response: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${what} failed with HTTP ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

export async function startReviewTarget(): Promise<ReviewTarget> {
  const stack = await startDevStack({ ephemeral: true, env: reviewEnv() });
  const fake = stack.fake;
  if (!fake) {
    await stack.close();
    throw new Error('the development stack started without the fake WeChat');
  }
  const post = (url: string, body: unknown, headers: Record<string, string> = {}, method = 'POST') =>
    fetch(`${stack.apiUrl}${url}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  async function member(): Promise<Record<string, string>> {
    const tokens = await json(
      await post('/auth/wechat', { code: fake!.issueLoginCode(`o_review_kit_${randomBytes(6).toString('hex')}`) }),
      'member login',
    );
    const headers = { authorization: `Bearer ${String(tokens.accessToken)}` };
    await json(await post('/me', { nickname: MEMBER_NICKNAME }, headers, 'PUT'), 'setting the member nickname');
    return headers;
  }
  async function moderator(): Promise<Record<string, string> | undefined> {
    const { username, password } = stack.testAccount;
    if (!password) return undefined;
    const tokens = await json(await post('/auth/password', { username, password, code: fake!.issueLoginCode() }), 'test account login');
    return { authorization: `Bearer ${String(tokens.accessToken)}` };
  }
  async function firstPostId(): Promise<number | undefined> {
    const page = await json(await fetch(`${stack.apiUrl}/posts?limit=1`), 'listing posts');
    const items = Array.isArray(page.items) ? (page.items as { id?: unknown }[]) : [];
    return typeof items[0]?.id === 'number' ? items[0].id : undefined;
  }

  return {
    apiUrl: stack.apiUrl,
    fake,
    riskyText: RISKY_MARKER,
    loginCodeUrl: `${fake.url}/__fake/login`,
    openApi: () => stack.server.app.swagger(),
    async sessions() {
      return { member: await member(), moderator: await moderator() };
    },
    async pageQueries(): Promise<Record<string, string>> {
      const id = await firstPostId();
      return id === undefined ? {} : { 'pages/post/index': `id=${id}` };
    },
    async pathParams(): Promise<Record<string, string | number>> {
      const id = await firstPostId();
      return id === undefined ? {} : { id };
    },
    close: () => stack.close(),
  };
}
