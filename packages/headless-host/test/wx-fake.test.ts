/**
 * The wx fake on its own (no DOM, no simulate): storage, login-code sources, real HTTP with
 * origin rewriting, modals, privacy as a first-time user, and pending work for settle().
 */
import http from 'node:http';
import { createWxFake } from '../src/runtime/wx-fake';

type Api = (options?: Record<string, unknown>) => Promise<Record<string, unknown>>;
const call = (wx: Record<string, unknown>, name: string, options: Record<string, unknown> = {}) => (wx[name] as Api)(options);

let server: http.Server;
let baseUrl: string;
const seen: { method?: string; url?: string; body: string }[] = [];
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method, url: request.url, body });
      if (request.url === '/image')
        return void response.writeHead(200, { 'content-type': 'image/png' }).end(`bytes for ${request.headers.authorization ?? 'nobody'}`);
      if (request.url === '/codes')
        return void response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ code: `code-for-${(JSON.parse(body) as { openid: string }).openid}` }));
      response
        .writeHead(request.url?.startsWith('/missing') ? 404 : 200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ echo: request.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('storage', () => {
  it('round-trips values through JSON, sync and async', async () => {
    const { wx, storage } = createWxFake();
    (wx.setStorageSync as (k: string, v: unknown) => void)('a', { when: new Date(0) });
    expect(storage.get('a')).toEqual({ when: '1970-01-01T00:00:00.000Z' });
    expect((wx.getStorageSync as (k: string) => unknown)('nothing')).toBe('');
    await expect(call(wx, 'getStorage', { key: 'nothing' })).rejects.toMatchObject({ errMsg: 'getStorage:fail data not found' });
    await call(wx, 'setStorage', { key: 'b', data: 2 });
    await expect(call(wx, 'getStorage', { key: 'b' })).resolves.toMatchObject({ data: 2, errMsg: 'getStorage:ok' });
  });
});

describe('wx.login', () => {
  it('fails without a login-code source', async () => {
    await expect(call(createWxFake().wx, 'login')).rejects.toMatchObject({ errMsg: expect.stringContaining('no login-code source') });
  });

  it('takes codes from an injected function, for the current openid', async () => {
    const fake = createWxFake({ openid: 'o_one', loginCode: async (openid) => `fn-${openid}` });
    await expect(call(fake.wx, 'login')).resolves.toMatchObject({ code: 'fn-o_one' });
    fake.setOpenid('o_two');
    await expect(call(fake.wx, 'login')).resolves.toMatchObject({ code: 'fn-o_two' });
    await expect(call(fake.wx, 'checkSession')).resolves.toMatchObject({ errMsg: 'checkSession:ok' });
  });

  it('or from a URL answering POST {openid} with {code}', async () => {
    const fake = createWxFake({ openid: 'o_url', loginCodeUrl: `${baseUrl}/codes` });
    await expect(call(fake.wx, 'login')).resolves.toMatchObject({ code: 'code-for-o_url' });
  });
});

describe('wx.request', () => {
  it('sends real HTTP to the rewritten origin and succeeds for every status', async () => {
    const fake = createWxFake({ rewriteOrigins: { 'https://api.example.cn': baseUrl } });
    const result = await new Promise<Record<string, unknown>>((resolve, reject) => {
      (fake.wx.request as (o: Record<string, unknown>) => void)({
        url: 'https://api.example.cn/missing',
        data: { a: 1 },
        success: resolve,
        fail: reject,
      });
    });
    expect(result).toMatchObject({ statusCode: 404, data: { echo: '/missing?a=1' } });
    expect(fake.requests).toEqual([{ method: 'GET', url: `${baseUrl}/missing?a=1`, statusCode: 404 }]);
  });

  it('counts the request as pending work until its callback ran', async () => {
    const fake = createWxFake();
    const done = new Promise((resolve) =>
      (fake.wx.request as (o: Record<string, unknown>) => void)({ url: `${baseUrl}/x`, complete: resolve }),
    );
    expect(fake.inFlight).toEqual(['request']);
    await done;
    expect(fake.inFlight).toEqual([]);
  });
});

/** APIs that return a task (request, uploadFile, downloadFile) answer through callbacks only, as WeChat. */
const callTask = (wx: Record<string, unknown>, name: string, options: Record<string, unknown>) =>
  new Promise<Record<string, unknown>>((resolve, reject) => {
    (wx[name] as (o: Record<string, unknown>) => void)({ ...options, success: resolve, fail: reject });
  });

describe('wx.downloadFile', () => {
  it('sends the headers given, keeps the body as a temp file that uploadFile reads back, and succeeds for every status', async () => {
    const fake = createWxFake({ rewriteOrigins: { 'https://api.example.cn': baseUrl } });
    const downloaded = await callTask(fake.wx, 'downloadFile', {
      url: 'https://api.example.cn/image',
      header: { Authorization: 'Bearer t1' },
    });
    expect(downloaded).toMatchObject({ statusCode: 200, tempFilePath: expect.stringMatching(/\.png$/) });
    await callTask(fake.wx, 'uploadFile', { url: `${baseUrl}/upload`, filePath: downloaded.tempFilePath, name: 'file' });
    expect(seen.at(-1)?.body).toContain('bytes for Bearer t1');

    const missing = await callTask(fake.wx, 'downloadFile', { url: `${baseUrl}/missing` });
    expect(missing.statusCode).toBe(404);
    expect(fake.requests.map((r) => r.method)).toEqual(['DOWNLOAD', 'UPLOAD', 'DOWNLOAD']);
  });
});

describe('UI', () => {
  it('records toasts and answers modals as scripted, waiting for the user when asked to', async () => {
    const fake = createWxFake({ modalsWaitForUser: true });
    await call(fake.wx, 'showToast', { title: 'hi' });
    expect(fake.toasts).toEqual([{ title: 'hi' }]);
    fake.answerNextModal({ confirm: true });
    await expect(call(fake.wx, 'showModal', { title: 'a' })).resolves.toMatchObject({ confirm: true });
    const waiting = call(fake.wx, 'showModal', { title: 'b' });
    expect(fake.openModals).toBe(1);
    expect(fake.answerOpenModal({ confirm: false })).toBe(true);
    await expect(waiting).resolves.toMatchObject({ confirm: false, cancel: true });
  });
});

describe('privacy', () => {
  it('asks the app listener, and passes only after a tap on the agree button', async () => {
    const fake = createWxFake();
    let resolveAuthorization: ((result: unknown) => void) | undefined;
    (fake.wx.onNeedPrivacyAuthorization as (l: unknown) => void)((resolve: (r: unknown) => void) => {
      resolveAuthorization = resolve;
    });
    await expect(call(fake.wx, 'getPrivacySetting')).resolves.toMatchObject({ needAuthorization: true });
    const pending = call(fake.wx, 'requirePrivacyAuthorize');
    expect(fake.privacy.pending).toBe(1);
    fake.privacy.recordAgreeTap('agree-btn');
    resolveAuthorization?.({ event: 'agree', buttonId: 'agree-btn' });
    await expect(pending).resolves.toMatchObject({ errMsg: 'requirePrivacyAuthorize:ok' });
    expect(fake.privacy.violations).toEqual([]);
  });

  it('fails pending calls with errno 104 on disagree, then refuses for the refusal window', async () => {
    const fake = createWxFake({ privacyRefusalWindowMs: 60_000 });
    (fake.wx.onNeedPrivacyAuthorization as (l: unknown) => void)((resolve: (r: unknown) => void) => resolve({ event: 'disagree' }));
    await expect(call(fake.wx, 'chooseMedia')).rejects.toMatchObject({ errno: 104 });
    await expect(call(fake.wx, 'requirePrivacyAuthorize')).rejects.toMatchObject({ errno: 104 });
  });
});

describe('the logged proxy', () => {
  it('logs every call, and falls back to adopted stubs as unfaked', () => {
    const fake = createWxFake();
    fake.adoptFallback({ vibrateShort: () => 'stub' });
    expect((fake.wx.vibrateShort as () => unknown)()).toBe('stub');
    expect((fake.wx.canIUse as () => unknown)()).toBe(true);
    expect(fake.calls.map((c) => c.name)).toEqual(['unfaked:vibrateShort', 'canIUse']);
    expect(() => (fake.wx.getUserProfile as () => unknown)()).toThrow(/refused by the headless wx/);
  });
});
