/**
 * TRUST_PROXY decides whose X-Forwarded-For counts, and so which address a per-address limit
 * keys on: a client rotating the header must not escape the password limit unless the request
 * really came through a trusted proxy.
 */
import { createTestApp, type TestApp } from '../../support/server/test-app';

const LIMIT = 5;
// Each attempt verifies a password hash (slow on purpose): give a loaded CI machine room.
jest.setTimeout(60_000);

async function passwordAttempts(
  t: TestApp,
  count: number,
  forwardedFor: (i: number) => string,
  remoteAddress = '127.0.0.1',
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const response = await t.app.inject({
      method: 'POST',
      url: '/auth/password',
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor(i) },
      payload: { username: 'reviewer', password: `wrong-guess-${i}`, code: t.fake.issueLoginCode() },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

const rotating = (i: number) => `203.0.113.${i + 1}`;
const limited = [...Array<number>(LIMIT).fill(401), ...Array<number>(20 - LIMIT).fill(429)];

describe('TRUST_PROXY unset (the default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT) });
  });
  afterAll(() => t.close());

  it('ignores X-Forwarded-For: 20 wrong passwords with a rotating header get 429 after the limit', async () => {
    expect(await passwordAttempts(t, 20, rotating)).toEqual(limited);
  });
});

describe('TRUST_PROXY = the proxy address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT), TRUST_PROXY: '127.0.0.1, ::1' });
  });
  afterAll(() => t.close());

  it('keys the limit on the forwarded client address when the request comes from the trusted proxy', async () => {
    // Twenty different clients behind the proxy: each has its own allowance.
    expect(await passwordAttempts(t, 2 * LIMIT, rotating)).toEqual(Array<number>(2 * LIMIT).fill(401));
    // One client behind the proxy is limited.
    expect(await passwordAttempts(t, 2 * LIMIT, () => '198.51.100.9')).toEqual(limited.slice(0, 2 * LIMIT));
  });

  it('ignores the header from a peer that is not the trusted proxy', async () => {
    expect(await passwordAttempts(t, 20, rotating, '192.0.2.50')).toEqual(limited);
  });
});

describe('TRUST_PROXY = a CIDR that does not include the peer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT), TRUST_PROXY: '10.0.0.0/8' });
  });
  afterAll(() => t.close());

  it('still limits a client rotating X-Forwarded-For', async () => {
    expect(await passwordAttempts(t, 20, rotating)).toEqual(limited);
  });
});

describe('TRUST_PROXY = a hop count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: String(LIMIT), TRUST_PROXY: '1' });
  });
  afterAll(() => t.close());

  it('takes the address the one trusted proxy saw, whatever the client prepends', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-forwarded-for': '203.0.113.1, 198.51.100.20' } });
    expect(response.statusCode).toBe(200);
    expect(await passwordAttempts(t, 20, (i) => `${rotating(i)}, 198.51.100.20`)).toEqual(limited);
    expect(await passwordAttempts(t, 1, () => '198.51.100.21')).toEqual([401]);
  });
});
