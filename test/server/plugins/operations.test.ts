/** Operations: /health, security headers, load shedding under event-loop pressure, graceful shutdown. */
import { createTestApp, type TestApp } from '../../support/server/test-app';

describe('health and headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('GET /health says the database answers (no Redis configured: not reported)', async () => {
    const response = await t.request({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ ok: true, database: 'up' });
  });

  it('every response carries nosniff, no framing, no referrer, and a CSP that allows nothing', async () => {
    const response = await t.request({ method: 'GET', url: '/posts' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    });
  });
});

describe('load shedding', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAX_EVENT_LOOP_DELAY_MS: '50', PRESSURE_SAMPLE_INTERVAL_MS: '20' });
  });
  afterAll(() => t.close());

  it('answers 503 + Retry-After while the event loop lags, and serves again once it recovers', async () => {
    // Block the loop as a CPU-bound burst would; the next sample sees the lag. Retried a few
    // times because on a loaded machine a sample may fall between the burst and the request.
    let shed = await t.request({ method: 'GET', url: '/posts' });
    for (let i = 0; i < 20 && shed.statusCode !== 503; i += 1) {
      const until = Date.now() + 200;
      while (Date.now() < until);
      await new Promise((resolve) => setImmediate(resolve));
      shed = await t.request({ method: 'GET', url: '/posts' });
    }
    expect(shed.statusCode).toBe(503);
    expect(Number(shed.headers['retry-after'])).toBeGreaterThan(0);
    expect(shed.json()).toMatchObject({ code: 'server_busy', message: '服务繁忙，请稍后再试' });
    expect(t.logs.some((line) => line.includes('under pressure: shedding load'))).toBe(true);

    const deadline = Date.now() + 10_000;
    while ((await t.request({ method: 'GET', url: '/posts' })).statusCode !== 200) {
      if (Date.now() > deadline) throw new Error('never recovered');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then closes the port', async () => {
    const t = await createTestApp({}, { listen: true });
    const member = await t.loginAsMember('最后一帖');
    const boardId = (await t.request({ method: 'GET', url: '/boards' }))
      .json()
      .items.find((board: { staffOnly: boolean }) => !board.staffOnly).id;
    // msgSecCheck holds its answer: the post request is in flight inside the server.
    t.fake.failNext('msg_sec_check', 'timeout', 1);
    const inFlight = fetch(`${t.baseUrl}/posts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${member.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ boardId, title: '关机前', body: '这条在关机时还在处理' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = t.app.close();
    const response = await inFlight;
    expect([201, 202]).toContain(response.status);
    await closing;
    await expect(fetch(`${t.baseUrl}/health`)).rejects.toThrow();
    await t.database.drop();
    await t.fake.close();
    // Slow here (~17 s on the shared CI machine, not yet explained): the wait is after the response.
  }, 40_000);
});
