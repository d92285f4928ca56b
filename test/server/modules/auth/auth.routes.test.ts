import { createTestApp, TEST_ACCOUNT_PASSWORD, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const countUsers = async () =>
  Number(
    (
      await t.database.handle.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('POST /auth/wechat (silent login)', () => {
  it('creates a guest on first sight and finds the same user next time', async () => {
    const first = await t.loginAsGuest('o_first_sight');
    expect(first.user).toMatchObject({ role: 'guest', nickname: null, canPost: false, isTestAccount: false });
    expect(first.accessTokenExpiresIn).toBe(t.config.auth.accessTokenTtlSeconds);
    const again = await t.loginAsGuest('o_first_sight');
    expect(again.user.id).toBe(first.user.id);
    expect(again.refreshToken).not.toBe(first.refreshToken);
  });

  it('never returns or logs session_key, the app secret, openid or tokens', async () => {
    const code = t.fake.issueLoginCode('o_secret_check');
    const response = await t.request({ method: 'POST', url: '/auth/wechat', payload: { code } });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    expect(body).not.toMatch(/session_key|sessionKey|openid|o_secret_check/i);
    expect(body).not.toContain(t.config.wechat.appSecret);
    const { accessToken, refreshToken } = response.json();
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [accessToken, refreshToken, code, t.config.wechat.appSecret, 'session_key', TEST_ACCOUNT_PASSWORD]) {
      expect(logs).not.toContain(secret);
    }
  });

  it('refuses a reused code with 401 and creates no user', async () => {
    const code = t.fake.issueLoginCode('o_reused_code_user');
    expect((await t.request({ method: 'POST', url: '/auth/wechat', payload: { code } })).statusCode).toBe(200);
    const before = await countUsers();
    const replay = await t.request({ method: 'POST', url: '/auth/wechat', payload: { code } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'invalid_login_code', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(await countUsers()).toBe(before);
  });

  it('refuses an invalid code with 401 and creates no user', async () => {
    const before = await countUsers();
    const response = await t.request({ method: 'POST', url: '/auth/wechat', payload: { code: 'invalid-code-from-nowhere' } });
    expect(response.statusCode).toBe(401);
    expect(await countUsers()).toBe(before);
  });

  it('answers 503 with a Chinese message when WeChat is busy, and creates no user', async () => {
    const before = await countUsers();
    t.fake.failNext('jscode2session', 'busy');
    const response = await t.request({ method: 'POST', url: '/auth/wechat', payload: { code: t.fake.issueLoginCode() } });
    expect(response.statusCode).toBe(503);
    expect(response.json().message).toBe('服务繁忙，请稍后再试');
    expect(await countUsers()).toBe(before);
  });

  it('ignores role, status and openid smuggled into the body', async () => {
    const response = await t.request({
      method: 'POST',
      url: '/auth/wechat',
      payload: { code: t.fake.issueLoginCode('o_smuggler'), role: 'moderator', openid: 'o_victim', status: 'published' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.role).toBe('guest');
    const row = await t.database.handle.db
      .selectFrom('users')
      .select(['openid', 'role'])
      .where('id', '=', response.json().user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ openid: 'o_smuggler', role: 'guest' });
  });
});

describe('POST /auth/refresh (rotation)', () => {
  it('rotates the refresh token and the new access token works', async () => {
    const login = await t.loginAsGuest();
    const refreshed = await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: login.refreshToken } });
    expect(refreshed.statusCode).toBe(200);
    const next = refreshed.json();
    expect(next.refreshToken).not.toBe(login.refreshToken);
    expect((await t.request({ method: 'GET', url: '/me', token: next.accessToken })).statusCode).toBe(200);
  });

  it('replaying a rotated refresh token revokes the whole family, including the newest tokens', async () => {
    const login = await t.loginAsGuest();
    const rotated = (await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: login.refreshToken } })).json();
    const replay = await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: login.refreshToken } });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('refresh_token_reused');
    // The thief's replay also ends the legitimate holder's newer tokens.
    expect((await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: rotated.refreshToken } })).statusCode).toBe(
      401,
    );
    expect((await t.request({ method: 'GET', url: '/me', token: rotated.accessToken })).statusCode).toBe(401);
  });

  it('refuses unknown and expired refresh tokens', async () => {
    expect((await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: 'made-up' } })).statusCode).toBe(401);
    const login = await t.loginAsGuest();
    await t.database.handle.db
      .updateTable('refresh_tokens')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('used_at', 'is', null)
      .execute();
    expect((await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: login.refreshToken } })).statusCode).toBe(401);
  });
});

describe('access tokens', () => {
  it('are refused when tampered, of the wrong shape, signed with another key or expired', async () => {
    const login = await t.loginAsGuest();
    const [header, payload, signature] = login.accessToken.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), sub: '1' })).toString(
      'base64url',
    );
    const { createSigner } = await import('fast-jwt');
    const otherKey = createSigner({ key: 'x'.repeat(40) })({ sub: String(login.user.id), sid: 'any', typ: 'access' });
    const expired = createSigner({ key: t.config.auth.jwtSecret, clockTimestamp: Date.now() - 3_600_000, expiresIn: 60_000 })({
      sub: String(login.user.id),
      sid: 'whatever',
      typ: 'access',
    });
    const wrongType = createSigner({ key: t.config.auth.jwtSecret })({ sub: String(login.user.id), sid: 'whatever', typ: 'refresh' });
    for (const token of [`${header}.${forgedPayload}.${signature}`, 'not-a-jwt', otherKey, expired, wrongType]) {
      const response = await t.request({ method: 'GET', url: '/me', token });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('invalid_access_token');
    }
  });

  it('stop working after logout', async () => {
    const login = await t.loginAsGuest();
    expect((await t.request({ method: 'POST', url: '/auth/logout', payload: { refreshToken: login.refreshToken } })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/me', token: login.accessToken })).statusCode).toBe(401);
    expect((await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: login.refreshToken } })).statusCode).toBe(401);
  });
});

describe('POST /auth/password (reviewer test account)', () => {
  it('logs the reviewer in as a member by default', async () => {
    const login = await t.loginAsTestAccount();
    expect(login.user).toMatchObject({ role: 'member', isTestAccount: true, canPost: true });
  });

  it('cannot be deleted by whoever holds its password, and can still log in afterwards', async () => {
    const login = await t.loginAsTestAccount();
    const response = await t.request({ method: 'DELETE', url: '/me', token: login.accessToken });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'test_account_protected', message: expect.stringContaining('不能注销') });
    expect((await t.loginAsTestAccount()).user).toMatchObject({ isTestAccount: true });
  });

  it('cannot moderate by default: banning a real user is refused', async () => {
    const victim = await t.loginAsMember('真实用户', 'o_real_user');
    const login = await t.loginAsTestAccount();
    const response = await t.request({
      method: 'POST',
      url: `/moderation/users/${victim.user.id}/ban`,
      token: login.accessToken,
      payload: {},
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a wrong password and an unknown username alike', async () => {
    const wrong = await t.request({
      method: 'POST',
      url: '/auth/password',
      payload: { username: 'reviewer', password: 'nope', code: t.fake.issueLoginCode() },
    });
    const unknown = await t.request({
      method: 'POST',
      url: '/auth/password',
      payload: { username: 'nobody', password: 'nope', code: t.fake.issueLoginCode() },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('stores the password only as a scrypt hash', async () => {
    const row = await t.database.handle.db
      .selectFrom('users')
      .select('password_hash')
      .where('username', '=', 'reviewer')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    expect(row.password_hash).not.toContain(TEST_ACCOUNT_PASSWORD);
  });
});
