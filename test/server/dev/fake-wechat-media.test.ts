/**
 * The fake WeChat's mediaCheckAsync v2 and its `wxa_media_check` push, end to end over real HTTP:
 * a small receiver stands in for the server under test, serving images and receiving pushes the
 * way the server must (verify the signature, decrypt in safe mode, answer `success`). Checks the
 * download, the width rule, both push modes with push-crypto, failed downloads, held pushes and
 * pushFor, forged signatures and the controls over HTTP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { UNKNOWN_TRACE_OPENID, startFakeWeChat, type FakeWeChat, type MediaCheckEvent } from '../../../server/src/dev/fake-wechat';
import { PushCryptoError, decryptPushMessage, isValidMsgSignature, isValidUrlSignature } from '../../../server/src/wechat/push-crypto';

const APP_ID = 'wxmediatest';
const APP_SECRET = 'media-test-secret';
const PUSH_TOKEN = 'mediapushtoken';
const PUSH_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ORIGINAL_ID = 'gh_0123456789ab';

type Json = Record<string, unknown>;

interface ReceivedPush {
  query: Record<string, string>;
  body: string;
  /** The signature the mode calls for verified. */
  valid: boolean;
  /** The event, decrypted in safe mode; undefined when it could not be read. */
  event?: MediaCheckEvent;
}

/** What the server under test does, reduced to the parts the fake must satisfy. */
class Receiver {
  readonly images = new Map<string, Buffer>();
  readonly fetched: string[] = [];
  readonly pushes: ReceivedPush[] = [];
  /** Answer pushes with this instead of verifying them, to test what the fake records. */
  forcedReply: { status: number; body: string } | undefined;
  private server: Server | undefined;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  reset(): void {
    this.images.clear();
    this.fetched.length = 0;
    this.pushes.length = 0;
    this.forcedReply = undefined;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    if (request.method === 'GET') {
      this.fetched.push(url.pathname);
      const image = this.images.get(url.pathname);
      if (url.pathname === '/not-an-image.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end('just some text');
      if (!image) return void response.writeHead(404).end('not found');
      return void response.writeHead(200, { 'content-type': 'image/png' }).end(image);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const query = Object.fromEntries(url.searchParams);
    const push = this.read(query, body);
    this.pushes.push(push);
    const reply = this.forcedReply ?? (push.valid ? { status: 200, body: 'success' } : { status: 401, body: 'bad signature' });
    response.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
  }

  private read(query: Record<string, string>, body: string): ReceivedPush {
    const { timestamp = '', nonce = '' } = query;
    const json = JSON.parse(body) as Json;
    if (query.encrypt_type !== 'aes') {
      return {
        query,
        body,
        valid: isValidUrlSignature(PUSH_TOKEN, timestamp, nonce, query.signature),
        event: json as unknown as MediaCheckEvent,
      };
    }
    const encrypt = String(json.Encrypt);
    const valid = isValidMsgSignature(PUSH_TOKEN, timestamp, nonce, encrypt, query.msg_signature);
    return { query, body, valid, event: JSON.parse(decryptPushMessage(PUSH_KEY, encrypt, APP_ID)) as MediaCheckEvent };
  }
}

const receiver = new Receiver();
let fake: FakeWeChat;

beforeAll(async () => {
  // The fake starts first and learns the push URL later, as it does with a server under test.
  fake = await startFakeWeChat({
    appId: APP_ID,
    appSecret: APP_SECRET,
    originalId: ORIGINAL_ID,
    push: { token: PUSH_TOKEN, encodingAesKey: PUSH_KEY, mode: 'plaintext' },
  });
  await receiver.start();
});
afterAll(async () => {
  await fake.close();
  await receiver.stop();
});
beforeEach(() => {
  fake.reset();
  receiver.reset();
  fake.configurePush({ url: `${receiver.url}/wechat/push`, mode: 'plaintext', delayMs: 20 });
});

const png = (width: number, height = 10) =>
  sharp({ create: { width, height, channels: 3, background: '#888' } })
    .png()
    .toBuffer();

async function post(path: string, body: unknown, query: Record<string, string> = {}): Promise<{ status: number; body: Json }> {
  const search = Object.keys(query).length ? `?${new URLSearchParams(query).toString()}` : '';
  const response = await fetch(`${fake.url}${path}${search}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') || text.startsWith('[') ? (JSON.parse(text) as Json) : { text } };
}

async function token(): Promise<string> {
  const { body } = await post('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: APP_ID,
    secret: APP_SECRET,
    force_refresh: false,
  });
  return String(body.access_token);
}

const validCheck = (mediaUrl: string): Json => ({ media_url: mediaUrl, media_type: 2, version: 2, scene: 3, openid: 'o_uploader' });

async function mediaCheck(body: Json, accessToken?: string): Promise<Json> {
  return (await post('/wxa/media_check_async', body, { access_token: accessToken ?? (await token()) })).body;
}

/** Serves a PNG of that width and submits it; returns the trace id. */
async function submitImage(width: number, path = `/media/${width}.png`): Promise<string> {
  receiver.images.set(path, await png(width));
  const answer = await mediaCheck(validCheck(`${receiver.url}${path}`));
  expect(answer).toEqual({ errcode: 0, errmsg: 'ok', trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) });
  return String(answer.trace_id);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('media_check_async and the automatic push', () => {
  it('downloads media_url, then pushes a signed wxa_media_check in the documented shape', async () => {
    const before = Math.floor(Date.now() / 1000);
    const traceId = await submitImage(20);
    const [push] = await fake.waitForPushes(1);

    expect(receiver.fetched).toEqual(['/media/20.png']);
    expect(fake.mediaChecks).toEqual([{ traceId, mediaUrl: `${receiver.url}/media/20.png`, mediaType: 2, scene: 3, openid: 'o_uploader' }]);
    expect(receiver.pushes).toHaveLength(1);
    const received = receiver.pushes[0];
    expect(received.valid).toBe(true);
    expect(Object.keys(received.query).sort()).toEqual(['nonce', 'signature', 'timestamp']);
    expect(received.event).toEqual({
      ToUserName: ORIGINAL_ID,
      FromUserName: 'o_uploader',
      CreateTime: expect.any(Number),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: APP_ID,
      trace_id: traceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
    });
    expect(received.event?.CreateTime).toBeGreaterThanOrEqual(before);
    expect(Number(received.query.timestamp)).toBe(received.event?.CreateTime);

    expect(push).toMatchObject({
      traceId,
      mode: 'plaintext',
      trigger: 'automatic',
      forged: false,
      status: 200,
      body: 'success',
      acknowledged: true,
    });
    expect(push.event).toEqual(received.event);
  });

  it.each([
    [13, 'risky', 20002],
    [17, 'review', 21000],
    [16, 'pass', 100],
    [1200, 'pass', 100],
  ])('judges an image %i px wide as %s (label %i)', async (width, suggest, label) => {
    await submitImage(width);
    const [push] = await fake.waitForPushes(1);
    expect(push.event.result).toEqual({ suggest, label });
    expect(push.event.detail[0]).toMatchObject({ suggest, label });
  });

  it('pushes in safe mode: {ToUserName, Encrypt} with a valid msg_signature, decrypting to the event for this appid', async () => {
    fake.configurePush({ mode: 'safe' });
    const traceId = await submitImage(13);
    await fake.waitForPushes(1);

    const received = receiver.pushes[0];
    expect(received.query).toMatchObject({
      encrypt_type: 'aes',
      openid: 'o_uploader',
      msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    expect(isValidUrlSignature(PUSH_TOKEN, received.query.timestamp, received.query.nonce, received.query.signature)).toBe(true);
    const body = JSON.parse(received.body) as Json;
    expect(Object.keys(body).sort()).toEqual(['Encrypt', 'ToUserName']);
    expect(body.ToUserName).toBe(ORIGINAL_ID);
    expect(received.valid).toBe(true);
    expect(received.event).toMatchObject({ appid: APP_ID, trace_id: traceId, result: { suggest: 'risky', label: 20002 } });
    expect(() => decryptPushMessage(PUSH_KEY, String(body.Encrypt), 'wxsomeoneelse')).toThrow(PushCryptoError);
    expect(fake.pushes[0]).toMatchObject({ mode: 'safe', acknowledged: true });
  });

  it.each([
    ['an unreachable URL', 'http://127.0.0.1:9/gone.png', 41005, /could not download media_url \(network error\)/],
    ['a 404', '/missing.png', 41005, /HTTP 404/],
    ['something that is not an image', '/not-an-image.png', 40113, /unsupported file type/],
  ])('still answers ok for %s, and the push carries the errcode', async (_case, where, errcode, errmsg) => {
    const mediaUrl = where.startsWith('/') ? `${receiver.url}${where}` : where;
    const answer = await mediaCheck(validCheck(mediaUrl));
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const [push] = await fake.waitForPushes(1);
    expect(push.event).toMatchObject({
      trace_id: answer.trace_id,
      errcode,
      errmsg: expect.stringMatching(errmsg),
      detail: [{ strategy: 'content_model', errcode }],
      // Documented choice: a server that ignores errcode still keeps the image hidden.
      result: { suggest: 'review', label: 21000 },
    });
  });

  it('waits for the delay before downloading, so the server can commit first', async () => {
    fake.configurePush({ delayMs: 200 });
    await submitImage(20);
    await sleep(60);
    expect(receiver.fetched).toEqual([]);
    await fake.waitForPushes(1, 2000);
    expect(receiver.fetched).toEqual(['/media/20.png']);
  });

  it('records a push the receiver did not acknowledge', async () => {
    receiver.forcedReply = { status: 500, body: 'oops' };
    await submitImage(20);
    const [push] = await fake.waitForPushes(1);
    expect(push).toMatchObject({ status: 500, body: 'oops', acknowledged: false });
  });

  it('records a push to a receiver that is not there with status 0', async () => {
    fake.configurePush({ url: 'http://127.0.0.1:9/wechat/push' });
    await submitImage(20);
    const [push] = await fake.waitForPushes(1);
    expect(push).toMatchObject({ status: 0, body: '', acknowledged: false, error: 'network error' });
  });
});

describe('held pushes and pushFor', () => {
  it('holds automatic pushes but still judges; pushFor then delivers the verdict, as often as asked', async () => {
    fake.holdPushes(true);
    const traceId = await submitImage(17);
    await sleep(80);
    expect(fake.pushes).toHaveLength(0);

    expect(await fake.pushFor(traceId)).toEqual({ status: 200, body: 'success' });
    expect(await fake.pushFor(traceId)).toEqual({ status: 200, body: 'success' });
    expect(receiver.pushes.map((push) => push.event?.trace_id)).toEqual([traceId, traceId]);
    expect(fake.pushes.map((push) => [push.trigger, push.event.result.suggest])).toEqual([
      ['pushFor', 'review'],
      ['pushFor', 'review'],
    ]);
    // The image was downloaded once, however many times its verdict was pushed.
    expect(receiver.fetched).toEqual(['/media/17.png']);
  });

  it('releasing the hold does not flush what was held', async () => {
    fake.holdPushes(true);
    await submitImage(20);
    fake.holdPushes(false);
    await sleep(80);
    expect(fake.pushes).toHaveLength(0);
    await submitImage(21);
    await fake.waitForPushes(1);
    expect(fake.pushes.map((push) => push.trigger)).toEqual(['automatic']);
  });

  it('pushFor waits for a download still to come', async () => {
    fake.holdPushes(true);
    fake.configurePush({ delayMs: 5000 });
    const traceId = await submitImage(13);
    await fake.pushFor(traceId);
    expect(receiver.fetched).toEqual(['/media/13.png']);
    expect(fake.pushes[0].event.result).toEqual({ suggest: 'risky', label: 20002 });
  });

  it('pushes a forced verdict, or one for a trace id the fake never issued', async () => {
    fake.holdPushes(true);
    const traceId = await submitImage(20);
    await fake.pushFor(traceId, { suggest: 'risky' });
    await fake.pushFor('not-a-real-trace-id');
    await fake.pushFor('another-unknown-one', { suggest: 'review' });
    expect(fake.pushes.map((push) => [push.traceId, push.event.FromUserName, push.event.result])).toEqual([
      [traceId, 'o_uploader', { suggest: 'risky', label: 20002 }],
      ['not-a-real-trace-id', UNKNOWN_TRACE_OPENID, { suggest: 'pass', label: 100 }],
      ['another-unknown-one', UNKNOWN_TRACE_OPENID, { suggest: 'review', label: 21000 }],
    ]);
    expect(receiver.pushes.every((push) => push.valid)).toBe(true);
  });

  it.each(['plaintext', 'safe'] as const)('forges signatures that really fail verification (%s mode)', async (mode) => {
    fake.holdPushes(true);
    const traceId = await submitImage(20);
    expect(await fake.pushFor(traceId, { forgeSignature: true, mode })).toEqual({ status: 401, body: 'bad signature' });

    const { query } = receiver.pushes[0];
    expect(query.signature).toMatch(/^[0-9a-f]{40}$/);
    expect(isValidUrlSignature(PUSH_TOKEN, query.timestamp, query.nonce, query.signature)).toBe(false);
    if (mode === 'safe') {
      const encrypt = String((JSON.parse(receiver.pushes[0].body) as Json).Encrypt);
      expect(isValidMsgSignature(PUSH_TOKEN, query.timestamp, query.nonce, encrypt, query.msg_signature)).toBe(false);
    }
    expect(fake.pushes[0]).toMatchObject({ forged: true, mode, status: 401, acknowledged: false });
  });

  it('signs a stale timestamp correctly, so only the age gives it away', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    await fake.pushFor('any-trace', { timestamp: hourAgo });
    expect(receiver.pushes[0].query.timestamp).toBe(String(hourAgo));
    expect(receiver.pushes[0].valid).toBe(true);
  });

  it('refuses pushFor without a push URL, and invalid push settings', async () => {
    const bare = await startFakeWeChat();
    try {
      await expect(bare.pushFor('x')).rejects.toThrow(/needs a push URL/);
      expect(() => bare.configurePush({ url: 'not a url' })).toThrow(/absolute http/);
      expect(() => bare.configurePush({ encodingAesKey: 'short' })).toThrow(/43/);
      expect(() => bare.configurePush({ delayMs: -1 })).toThrow(/delayMs/);
      expect(bare.pushConfig).toMatchObject({ mode: 'safe', delayMs: 50, token: expect.any(String) });
      expect(bare.pushConfig.url).toBeUndefined();
    } finally {
      await bare.close();
    }
  });

  it('waitForPushes rejects with what it got when the pushes do not come', async () => {
    fake.holdPushes(true);
    await submitImage(20);
    await expect(fake.waitForPushes(1, 100)).rejects.toThrow(/waited 100 ms for 1 push\(es\), got 0/);
  });
});

describe('media_check_async validation and failures', () => {
  it.each([
    ['version 1', 47001, { version: 1 }],
    ['media_type 3', 47001, { media_type: 3 }],
    ['a relative media_url', 47001, { media_url: '/media/x.png' }],
    ['no media_url', 47001, { media_url: undefined }],
    ['scene 5', 40129, { scene: 5 }],
    ['no openid', 40003, { openid: undefined }],
  ])('refuses %s with %d', async (_case, errcode, change) => {
    const body = await mediaCheck({ ...validCheck(`${receiver.url}/media/x.png`), ...change });
    expect(body).toEqual({ errcode, errmsg: expect.stringContaining('rid: ') });
  });

  it('schedules nothing for a refused check', async () => {
    await mediaCheck({ ...validCheck(`${receiver.url}/media/x.png`), scene: 0 });
    await sleep(60);
    expect(receiver.fetched).toEqual([]);
    expect(fake.pushes).toHaveLength(0);
  });

  it('checks the access token like msg_sec_check', async () => {
    expect((await post('/wxa/media_check_async', validCheck('http://127.0.0.1:9/x.png'))).body.errcode).toBe(40001);
    const accessToken = await token();
    fake.failNext('media_check_async', 'expired_token');
    expect((await mediaCheck(validCheck('http://127.0.0.1:9/x.png'), accessToken)).errcode).toBe(42001);
  });

  it('takes injected failures and logs calls without the token', async () => {
    const accessToken = await token();
    fake.failNext('media_check_async', 'busy');
    expect(await mediaCheck(validCheck('http://127.0.0.1:9/x.png'), accessToken)).toEqual({ errcode: -1, errmsg: 'system error' });
    expect(fake.calls.media_check_async).toEqual([validCheck('http://127.0.0.1:9/x.png')]);
    expect(JSON.stringify(fake.calls)).not.toContain(accessToken);
  });

  it('accepts audio (media_type 1): downloaded, and always passed', async () => {
    receiver.images.set('/media/voice.mp3', Buffer.from('ID3 not really audio'));
    await mediaCheck({ ...validCheck(`${receiver.url}/media/voice.mp3`), media_type: 1 });
    const [push] = await fake.waitForPushes(1);
    expect(receiver.fetched).toEqual(['/media/voice.mp3']);
    expect(push.event.result).toEqual({ suggest: 'pass', label: 100 });
  });
});

describe('lifecycle', () => {
  it('reset() drops checks in progress: nothing is pushed afterwards', async () => {
    await submitImage(20);
    fake.reset();
    await sleep(80);
    expect(receiver.fetched).toEqual([]);
    expect(fake.pushes).toHaveLength(0);
    expect(fake.mediaChecks).toHaveLength(0);
  });

  it('close() does not wait for scheduled checks', async () => {
    const local = await startFakeWeChat({
      appId: APP_ID,
      appSecret: APP_SECRET,
      push: { url: `${receiver.url}/wechat/push`, delayMs: 10_000 },
    });
    const { body } = await fetch(`${local.url}/cgi-bin/stable_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credential', appid: APP_ID, secret: APP_SECRET }),
    }).then(async (response) => ({ body: (await response.json()) as Json }));
    await fetch(`${local.url}/wxa/media_check_async?access_token=${String(body.access_token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(validCheck(`${receiver.url}/media/x.png`)),
    });
    const closing = Date.now();
    await local.close();
    expect(Date.now() - closing).toBeLessThan(1000);
  });
});

describe('/__fake push controls over HTTP', () => {
  it('configures, holds, pushes on demand and lists pushes', async () => {
    expect((await post('/__fake/push-config', { mode: 'safe', delayMs: 10 })).body).toEqual({ ok: true });
    expect(fake.pushConfig.mode).toBe('safe');
    expect((await post('/__fake/push-config', { url: 'nope' })).status).toBe(400);

    expect((await post('/__fake/push-hold', { hold: true })).body).toEqual({ ok: true });
    const traceId = await submitImage(13);
    await sleep(80);
    expect(fake.pushes).toHaveLength(0);

    expect((await post('/__fake/push', { traceId, forgeSignature: true })).body).toEqual({ status: 401, body: 'bad signature' });
    expect((await post('/__fake/push', { traceId })).body).toEqual({ status: 200, body: 'success' });
    expect((await post('/__fake/push', { traceId, suggest: 'maybe' })).status).toBe(400);

    const checks = (await (await fetch(`${fake.url}/__fake/media-checks`)).json()) as Json[];
    expect(checks).toEqual([expect.objectContaining({ traceId, scene: 3 })]);
    const response = await fetch(`${fake.url}/__fake/pushes`);
    const pushes = (await response.json()) as Json[];
    expect(pushes.map((push) => [push.traceId, push.forged, push.status, (push.event as Json).result])).toEqual([
      [traceId, true, 401, { suggest: 'risky', label: 20002 }],
      [traceId, false, 200, { suggest: 'risky', label: 20002 }],
    ]);
  });

  it('answers 400 to /__fake/push when no push URL is set', async () => {
    const bare = await startFakeWeChat();
    try {
      const response = await fetch(`${bare.url}/__fake/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ traceId: 'x' }),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: expect.stringMatching(/needs a push URL/) });
    } finally {
      await bare.close();
    }
  });
});
