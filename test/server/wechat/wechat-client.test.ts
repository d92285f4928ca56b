/**
 * The WeChat client against a real fake WeChat over HTTP: code2Session without leaking
 * session_key, msgSecCheck v2 with a shared token that is refreshed once when WeChat rejects it,
 * and every kind of "WeChat cannot answer" surfacing as WeChatUnavailableError.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { startFakeWeChat, type FakeWeChat } from '../../../server/src/dev/fake-wechat';
import { createWeChatClient } from '../../../server/src/wechat/wechat-client';
import { TextScene, WeChatApiError, WeChatUnavailableError, type WeChatClient } from '../../../server/src/wechat/types';

const APP_ID = 'wxclienttest';
const APP_SECRET = 'client-test-secret-value';

let fake: FakeWeChat;
let logs: string[];
let client: WeChatClient;

beforeAll(async () => {
  fake = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.reset();
  logs = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  // A fresh client per test: each starts with an empty token cache.
  client = createWeChatClient({
    baseUrl: fake.url,
    appId: APP_ID,
    appSecret: APP_SECRET,
    timeoutMs: 200,
    logger: pino({ level: 'debug' }, sink),
  });
});

/** Whatever the test did, nothing secret may have reached the logs. */
afterEach(() => {
  const all = logs.join('');
  expect(all).not.toContain(APP_SECRET);
  expect(all).not.toMatch(/session_key|access_token=/);
});

const text = (content: string, scene: TextScene = TextScene.forum) => ({ content, scene, openid: 'o_writer' });

describe('code2Session', () => {
  it('returns the openid from an answer without errcode, and nothing else', async () => {
    const session = await client.code2Session(fake.issueLoginCode('o_login_user'));
    expect(session).toEqual({ openid: 'o_login_user' });
    expect(fake.calls.jscode2session).toEqual([{ appid: APP_ID, js_code: expect.any(String), grant_type: 'authorization_code' }]);
  });

  it('refuses a reused code with WeChatApiError 40029', async () => {
    const code = fake.issueLoginCode();
    await client.code2Session(code);
    const error = await client.code2Session(code).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WeChatApiError);
    expect(error).toMatchObject({ api: 'jscode2session', errcode: 40029, errmsg: expect.stringContaining('invalid code') });
    expect(logs.join('')).toContain('40029');
  });

  it.each(['busy', 'http500', 'timeout'] as const)('turns %s into WeChatUnavailableError', async (mode) => {
    fake.failNext('jscode2session', mode);
    await expect(client.code2Session(fake.issueLoginCode())).rejects.toBeInstanceOf(WeChatUnavailableError);
    expect(logs.join('')).toContain('WeChat unavailable');
  });

  it('turns an unreachable WeChat into WeChatUnavailableError', async () => {
    const closed = await startFakeWeChat();
    await closed.close();
    const offline = createWeChatClient({ baseUrl: closed.url, appId: APP_ID, appSecret: APP_SECRET, timeoutMs: 200 });
    await expect(offline.code2Session('any')).rejects.toMatchObject({
      constructor: WeChatUnavailableError,
      reason: expect.stringMatching(/^network error/),
    });
  });
});

describe('checkText', () => {
  it.each([
    ['a walk in the park', 'pass', 100],
    ['not sure about this [review]', 'review', 21000],
    ['something bad [risky]', 'risky', 20006],
  ])('returns the verdict for %j', async (content, suggest, label) => {
    expect(await client.checkText(text(content))).toEqual({ suggest, label, traceId: expect.stringMatching(/^[0-9a-f-]{26}$/) });
  });

  it('sends version 2, the scene, the openid and the title', async () => {
    await client.checkText({ content: 'body', scene: TextScene.comment, openid: 'o_commenter', title: 'a title' });
    await client.checkText({ content: 'nickname', scene: TextScene.profile, openid: 'o_commenter' });
    expect(fake.calls.msg_sec_check).toEqual([
      { content: 'body', version: 2, scene: 2, openid: 'o_commenter', title: 'a title' },
      { content: 'nickname', version: 2, scene: 1, openid: 'o_commenter' },
    ]);
  });

  it('shares one token: concurrent calls cause exactly one stable_token call', async () => {
    const verdicts = await Promise.all(Array.from({ length: 8 }, (_, i) => client.checkText(text(`message ${i}`))));
    expect(verdicts.map((verdict) => verdict.suggest)).toEqual(Array(8).fill('pass'));
    await client.checkText(text('later'));
    expect(fake.calls.stable_token).toHaveLength(1);
    expect(fake.calls.msg_sec_check).toHaveLength(9);
  });

  it('on 42001 refreshes the token once and retries successfully', async () => {
    await client.checkText(text('warm the cache'));
    fake.failNext('msg_sec_check', 'expired_token');
    expect(await client.checkText(text('after expiry [review]'))).toMatchObject({ suggest: 'review' });
    expect(fake.calls.stable_token).toHaveLength(2);
    expect(fake.calls.stable_token[1]).toMatchObject({ force_refresh: true });
    expect(fake.calls.msg_sec_check).toHaveLength(3);
  });

  it('on 40001 (a token WeChat does not know) refreshes once and retries successfully', async () => {
    await client.checkText(text('warm the cache'));
    // A reset forgets every token, as when another process force-refreshed it.
    fake.reset();
    expect(await client.checkText(text('again'))).toMatchObject({ suggest: 'pass' });
    expect(fake.calls.stable_token).toHaveLength(1);
    expect(fake.calls.msg_sec_check).toHaveLength(2);
  });

  it('retries only once: a token rejected twice means WeChatUnavailableError', async () => {
    fake.setFailure('msg_sec_check', 'expired_token');
    await expect(client.checkText(text('x'))).rejects.toMatchObject({
      constructor: WeChatUnavailableError,
      reason: expect.stringContaining('rejected again'),
    });
    expect(fake.calls.msg_sec_check).toHaveLength(2);
    expect(fake.calls.stable_token).toHaveLength(2);
  });

  it('concurrent callers hitting 42001 together cause a single refresh', async () => {
    await client.checkText(text('warm the cache'));
    // Expiring the shared token once is enough: every concurrent call carries it.
    fake.failNext('msg_sec_check', 'expired_token');
    const verdicts = await Promise.all(Array.from({ length: 4 }, () => client.checkText(text('together'))));
    expect(verdicts.map((verdict) => verdict.suggest)).toEqual(Array(4).fill('pass'));
    expect(fake.calls.stable_token).toHaveLength(2);
    expect(fake.calls.msg_sec_check).toHaveLength(1 + 4 + 4);
  });

  it.each(['busy', 'http500', 'timeout'] as const)('turns %s into WeChatUnavailableError', async (mode) => {
    fake.failNext('msg_sec_check', mode);
    await expect(client.checkText(text('x'))).rejects.toBeInstanceOf(WeChatUnavailableError);
  });

  it('turns a token failure into WeChatUnavailableError without calling msg_sec_check', async () => {
    fake.failNext('stable_token', 'busy');
    await expect(client.checkText(text('x'))).rejects.toMatchObject({
      constructor: WeChatUnavailableError,
      reason: expect.stringContaining('no access token'),
    });
    const misconfigured = createWeChatClient({ baseUrl: fake.url, appId: APP_ID, appSecret: 'wrong', timeoutMs: 200 });
    await expect(misconfigured.checkText(text('x'))).rejects.toBeInstanceOf(WeChatUnavailableError);
    expect(fake.calls.msg_sec_check).toHaveLength(0);
  });

  it('passes WeChat refusals through as WeChatApiError', async () => {
    await expect(client.checkText({ content: 'x', scene: TextScene.forum, openid: '' })).rejects.toMatchObject({
      constructor: WeChatApiError,
      errcode: 40003,
    });
  });

  it('refuses content over 2500 characters before calling WeChat', async () => {
    await expect(client.checkText(text('x'.repeat(2501)))).rejects.toThrow(/at most 2500/);
    expect(fake.calls.stable_token).toHaveLength(0);
    expect(fake.calls.msg_sec_check).toHaveLength(0);
    await expect(client.checkText(text('x'.repeat(2500)))).resolves.toMatchObject({ suggest: 'pass' });
  });
});

describe('checkMediaAsync', () => {
  // Nothing listens there: the fake's later download fails quietly, which these tests don't look at.
  const image = (scene: TextScene = TextScene.forum) => ({ mediaUrl: 'http://127.0.0.1:9/media/abc.png', scene, openid: 'o_uploader' });

  it('returns the trace id WeChat will push the verdict under, after sending version 2 and media_type 2', async () => {
    const { traceId } = await client.checkMediaAsync(image(TextScene.profile));
    expect(traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect(fake.calls.media_check_async).toEqual([
      { media_url: 'http://127.0.0.1:9/media/abc.png', media_type: 2, version: 2, scene: 1, openid: 'o_uploader' },
    ]);
    expect((await client.checkMediaAsync(image())).traceId).not.toBe(traceId);
  });

  it('shares the token with checkText and refreshes it once on 42001', async () => {
    await client.checkText(text('warm the cache'));
    fake.failNext('media_check_async', 'expired_token');
    await expect(client.checkMediaAsync(image())).resolves.toEqual({ traceId: expect.any(String) });
    expect(fake.calls.stable_token).toHaveLength(2);
    expect(fake.calls.media_check_async).toHaveLength(2);
  });

  it.each(['busy', 'http500', 'timeout'] as const)('turns %s into WeChatUnavailableError', async (mode) => {
    fake.failNext('media_check_async', mode);
    await expect(client.checkMediaAsync(image())).rejects.toMatchObject({ constructor: WeChatUnavailableError, api: 'media_check_async' });
  });

  it('passes WeChat refusals through as WeChatApiError', async () => {
    await expect(client.checkMediaAsync({ ...image(), openid: '' })).rejects.toMatchObject({ constructor: WeChatApiError, errcode: 40003 });
  });

  it('refuses a relative media URL before calling WeChat', async () => {
    await expect(client.checkMediaAsync({ ...image(), mediaUrl: '/media/abc.png' })).rejects.toThrow(/absolute http\(s\) URL/);
    expect(fake.calls.stable_token).toHaveLength(0);
    expect(fake.calls.media_check_async).toHaveLength(0);
  });
});
