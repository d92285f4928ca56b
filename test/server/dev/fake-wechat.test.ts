/**
 * The fake WeChat over real HTTP, checked against WeChat's documented behaviour: answer shapes,
 * errcodes, login-code and token rules, the verdict rule, failure injection and its controls.
 */
import { startFakeWeChat, DEVTOOLS_OPENID, type FakeWeChat } from '../../../server/src/dev/fake-wechat';

const APP_ID = 'wxfaketest';
const APP_SECRET = 'fake-test-secret';

let fake: FakeWeChat;
let clock = Date.now();

beforeAll(async () => {
  fake = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET, now: () => clock, timeoutHoldMs: 5_000 });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  clock = Date.now();
});

type Json = Record<string, unknown>;

async function get(path: string, query: Record<string, string>): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${fake.url}${path}?${new URLSearchParams(query).toString()}`);
  return { status: response.status, body: (await response.json()) as Json };
}

async function post(path: string, body: unknown, query: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const search = Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
  const response = await fetch(`${fake.url}${path}${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') ? (JSON.parse(text) as Json) : { text } };
}

const code2Session = (code: string, overrides: Record<string, string> = {}) =>
  get('/sns/jscode2session', { appid: APP_ID, secret: APP_SECRET, js_code: code, grant_type: 'authorization_code', ...overrides });

const stableToken = (forceRefresh = false, overrides: Json = {}) =>
  post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: APP_ID,
    secret: APP_SECRET,
    force_refresh: forceRefresh,
    ...overrides,
  });

async function token(): Promise<string> {
  const { body } = await stableToken();
  return String(body.access_token);
}

const msgSecCheck = async (body: Json, accessToken?: string) =>
  post('/wxa/msg_sec_check', body, { access_token: accessToken ?? (await token()) });

const validCheck = { content: '今天天气很好', version: 2, scene: 3, openid: 'o_author' };

describe('jscode2session', () => {
  it('answers success without an errcode field, and each issued code once', async () => {
    const code = fake.issueLoginCode('o_alice');
    const first = await code2Session(code);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ openid: 'o_alice', session_key: expect.any(String) });
    expect(first.body).not.toHaveProperty('errcode');

    const again = await code2Session(code);
    expect(again.body).toEqual({ errcode: 40029, errmsg: expect.stringMatching(/^invalid code rid: [0-9a-f-]+$/) });
  });

  it('gives each code issued without an openid a new user', async () => {
    const a = await code2Session(fake.issueLoginCode());
    const b = await code2Session(fake.issueLoginCode());
    expect(a.body.openid).toMatch(/^o.{27}$/);
    expect(b.body.openid).not.toBe(a.body.openid);
  });

  it('refuses codes after 5 minutes and codes starting with "invalid"', async () => {
    const code = fake.issueLoginCode('o_slow');
    clock += 5 * 60_000 + 1;
    expect((await code2Session(code)).body.errcode).toBe(40029);
    expect((await code2Session('invalid-anything')).body.errcode).toBe(40029);
  });

  it('accepts a never-issued code once, as the DevTools user', async () => {
    const first = await code2Session('0a1b2c3d4e5f-from-real-wx-login');
    expect(first.body.openid).toBe(DEVTOOLS_OPENID);
    expect((await code2Session('0a1b2c3d4e5f-from-real-wx-login')).body.errcode).toBe(40029);
  });

  it('checks the app credentials and grant type', async () => {
    expect((await code2Session(fake.issueLoginCode(), { appid: 'wxother' })).body.errcode).toBe(40013);
    expect((await code2Session(fake.issueLoginCode(), { secret: 'wrong' })).body.errcode).toBe(40125);
    expect((await code2Session(fake.issueLoginCode(), { grant_type: 'password' })).body.errcode).toBe(40002);
    expect((await code2Session('', {})).body.errcode).toBe(41008);
  });

  it('logs the call without the secret', async () => {
    await code2Session(fake.issueLoginCode());
    expect(fake.calls.jscode2session).toHaveLength(1);
    expect(fake.calls.jscode2session[0]).toMatchObject({ appid: APP_ID, grant_type: 'authorization_code' });
    expect(fake.calls.jscode2session[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(fake.calls)).not.toContain(APP_SECRET);
  });
});

describe('stable_token', () => {
  it('returns the same token while valid and a new one on force_refresh', async () => {
    const first = await stableToken();
    expect(first.body).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    clock += 60_000;
    const second = await stableToken();
    expect(second.body).toEqual({ access_token: first.body.access_token, expires_in: 7140 });
    const forced = await stableToken(true);
    expect(forced.body.access_token).not.toBe(first.body.access_token);
    expect(forced.body.expires_in).toBe(7200);
    expect(fake.calls.stable_token.map((call) => call.force_refresh)).toEqual([false, false, true]);
    expect(JSON.stringify(fake.calls)).not.toContain(APP_SECRET);
  });

  it('hands out a new token in the last 5 minutes, as WeChat does', async () => {
    const first = await stableToken();
    clock += (7200 - 299) * 1000;
    expect((await stableToken()).body.access_token).not.toBe(first.body.access_token);
  });

  it('checks the app credentials', async () => {
    expect((await stableToken(false, { appid: 'wxother' })).body.errcode).toBe(40013);
    expect((await stableToken(false, { secret: 'wrong' })).body.errcode).toBe(40125);
  });
});

describe('msg_sec_check v2', () => {
  it.each([
    ['hello', 'pass', 100],
    ['please look at this [review]', 'review', 21000],
    ['buy now [risky]', 'risky', 20006],
    ['[review] and [risky] together', 'risky', 20006],
  ])('judges %j as %s', async (content, suggest, label) => {
    const { status, body } = await msgSecCheck({ ...validCheck, content });
    expect(status).toBe(200);
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: 90 },
        expect.objectContaining({ strategy: 'keyword', errcode: 0 }),
      ],
    });
  });

  it('applies the rule to the title too', async () => {
    const { body } = await msgSecCheck({ ...validCheck, title: 'title [risky]' });
    expect(body.result).toEqual({ suggest: 'risky', label: 20006 });
  });

  it.each([
    ['scene 0', { scene: 0 }, 40129],
    ['scene 5', { scene: 5 }, 40129],
    ['scene as a string', { scene: '3' }, 40129],
    ['empty content', { content: '' }, 44002],
    ['blank content', { content: '   ' }, 44002],
    ['no openid', { openid: undefined }, 40003],
    ['version 1', { version: 1 }, 47001],
    ['content over 2500 characters', { content: 'x'.repeat(2501) }, 47001],
  ])('refuses %s with %d', async (_case, change, errcode) => {
    const { status, body } = await msgSecCheck({ ...validCheck, ...change });
    expect(status).toBe(200);
    expect(body).toEqual({ errcode, errmsg: expect.stringContaining('rid: ') });
  });

  it('answers 40001 for a missing or unknown token and 42001 for an expired one', async () => {
    expect((await post('/wxa/msg_sec_check', validCheck)).body.errcode).toBe(40001);
    expect((await msgSecCheck(validCheck, 'not-a-token')).body.errcode).toBe(40001);
    const accessToken = await token();
    clock += 7200 * 1000;
    expect((await msgSecCheck(validCheck, accessToken)).body.errcode).toBe(42001);
  });

  it('answers 47001 to a body that is not JSON', async () => {
    const response = await fetch(`${fake.url}/wxa/msg_sec_check?access_token=${await token()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ errcode: 47001 });
  });

  it('logs what was sent, without the access token', async () => {
    const accessToken = await token();
    await msgSecCheck({ ...validCheck, scene: 2, title: 't' }, accessToken);
    expect(fake.calls.msg_sec_check).toEqual([{ ...validCheck, scene: 2, title: 't' }]);
    expect(JSON.stringify(fake.calls)).not.toContain(accessToken);
  });
});

describe('failure injection', () => {
  it('busy answers errcode -1, for the given number of calls only', async () => {
    fake.failNext('jscode2session', 'busy', 2);
    expect((await code2Session(fake.issueLoginCode())).body).toEqual({ errcode: -1, errmsg: 'system error' });
    expect((await code2Session(fake.issueLoginCode())).body.errcode).toBe(-1);
    expect((await code2Session(fake.issueLoginCode())).body.openid).toEqual(expect.any(String));
    expect(fake.calls.jscode2session).toHaveLength(3);
  });

  it('http500 answers HTTP 500; "*" hits whichever API comes next', async () => {
    fake.failNext('*', 'http500');
    expect((await stableToken()).status).toBe(500);
    expect((await stableToken()).status).toBe(200);
  });

  it('setFailure persists until cleared', async () => {
    fake.setFailure('stable_token', 'busy');
    for (let i = 0; i < 3; i += 1) expect((await stableToken()).body.errcode).toBe(-1);
    fake.setFailure('stable_token', null);
    expect((await stableToken()).body.access_token).toEqual(expect.any(String));
  });

  it("expired_token expires the caller's token once; a normal stable_token then gives a new one", async () => {
    const accessToken = await token();
    fake.failNext('msg_sec_check', 'expired_token');
    expect((await msgSecCheck(validCheck, accessToken)).body.errcode).toBe(42001);
    const renewed = await token();
    expect(renewed).not.toBe(accessToken);
    expect((await msgSecCheck(validCheck, renewed)).body.errcode).toBe(0);
  });

  it('refuses expired_token for an API that takes no token', () => {
    expect(() => fake.failNext('jscode2session', 'expired_token')).toThrow(/does not apply/);
  });

  it('timeout holds the answer until the client gives up, and close() does not wait for it', async () => {
    const local = await startFakeWeChat({ appId: APP_ID, appSecret: APP_SECRET });
    local.failNext('stable_token', 'timeout');
    const started = Date.now();
    const attempt = fetch(`${local.url}/cgi-bin/stable_token`, { method: 'POST', signal: AbortSignal.timeout(150) });
    await expect(attempt).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - started).toBeLessThan(1000);

    local.setFailure('stable_token', 'timeout');
    const pending = fetch(`${local.url}/cgi-bin/stable_token`, { method: 'POST' }).catch(() => 'closed');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = Date.now();
    await local.close();
    expect(Date.now() - closing).toBeLessThan(1000);
    await pending;
  });
});

describe('/__fake controls over HTTP', () => {
  it('issues login codes', async () => {
    const { body } = await post('/__fake/login', { openid: 'o_http_user' });
    expect((await code2Session(String(body.code))).body.openid).toBe('o_http_user');
    const bare = await fetch(`${fake.url}/__fake/login`, { method: 'POST' });
    const { code } = (await bare.json()) as { code: string };
    expect((await code2Session(code)).body.openid).toEqual(expect.any(String));
  });

  it('plans failures, persistent failures and resets', async () => {
    expect((await post('/__fake/fail', { api: 'stable_token', mode: 'busy', times: 1 })).body).toEqual({ ok: true });
    expect((await stableToken()).body.errcode).toBe(-1);
    expect((await stableToken()).body.errcode).toBeUndefined();

    await post('/__fake/failure', { api: '*', mode: 'http500' });
    expect((await stableToken()).status).toBe(500);
    await post('/__fake/failure', { api: '*', mode: null });
    expect((await stableToken()).status).toBe(200);

    await post('/__fake/fail', { api: 'stable_token', mode: 'busy', times: 5 });
    await post('/__fake/reset', {});
    expect(fake.calls.stable_token).toHaveLength(0);
    expect((await stableToken()).status).toBe(200);
  });

  it('serves the call log', async () => {
    await code2Session(fake.issueLoginCode('o_logged'));
    const response = await fetch(`${fake.url}/__fake/calls`);
    const calls = (await response.json()) as Record<string, Json[]>;
    expect(calls.jscode2session).toEqual([expect.objectContaining({ appid: APP_ID })]);
    expect(calls.msg_sec_check).toEqual([]);
  });

  it('rejects bad control requests with 400', async () => {
    expect((await post('/__fake/fail', { api: 'nope', mode: 'busy' })).status).toBe(400);
    expect((await post('/__fake/fail', { api: 'stable_token', mode: 'busy', times: 0 })).status).toBe(400);
    const inapplicable = await post('/__fake/fail', { api: 'jscode2session', mode: 'expired_token' });
    expect(inapplicable).toEqual({ status: 400, body: { error: expect.stringMatching(/does not apply/) } });
  });
});
