/**
 * @jest-environment node
 */
import {
  ApiRequestError,
  createTransport,
  errorFromFailure,
  errorFromResponse,
  type TokenSource,
  type Transport,
} from '../../../miniprogram/services/transport';
import { flush, installWxStub, routes, type StubRequest, type WxStub } from './wx-stub';

const BASE = 'http://127.0.0.1:3000';

/** A TokenSource like the auth service's, over the same transport, with counters. */
function tokenSourceFor(getTransport: () => Transport, initial: string | null) {
  const state = { token: initial, refreshToken: 'r1' as string | null, refreshCalls: 0, loginCalls: 0 };
  const source: TokenSource = {
    accessToken: () => state.token,
    async refresh() {
      state.refreshCalls += 1;
      if (!state.refreshToken) throw new Error('no refresh token');
      const pair = await getTransport().request<{ accessToken: string; refreshToken: string }>({
        method: 'POST',
        path: '/auth/refresh',
        body: { refreshToken: state.refreshToken },
        auth: false,
      });
      state.token = pair.accessToken;
      state.refreshToken = pair.refreshToken;
    },
    async login() {
      state.loginCalls += 1;
      const pair = await getTransport().request<{ accessToken: string; refreshToken: string }>({
        method: 'POST',
        path: '/auth/wechat',
        body: { code: 'c' },
        auth: false,
      });
      state.token = pair.accessToken;
      state.refreshToken = pair.refreshToken;
    },
  };
  return { state, source };
}

let wx: WxStub;
beforeEach(() => {
  wx = installWxStub();
});

describe('status codes', () => {
  it('resolves 2xx with the parsed body, and 204 with undefined', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1234 });
    wx.handler = routes({
      'GET /boards': (r) => r.respond(200, { items: [{ id: 1 }] }),
      'DELETE /posts/3': (r) => r.respond(204, ''),
    });
    await expect(transport.request({ path: '/boards' })).resolves.toEqual({ items: [{ id: 1 }] });
    await expect(transport.request({ method: 'DELETE', path: '/posts/3' })).resolves.toBeUndefined();
    expect(wx.requests[0]?.timeout).toBe(1234);
    expect(wx.requests[0]?.url).toBe(`${BASE}/boards`);
  });

  it('rejects a non-2xx answer even though wx.request "succeeded", carrying the server error', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1000 });
    wx.handler = () => undefined;
    const pending = transport.request({ method: 'POST', path: '/posts', body: { title: 'x' } });
    wx.requests[0]?.respond(422, { code: 'content_risky', message: '内容含有违规信息，请修改后再发布', detail: 'risky' });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(error).toMatchObject({ status: 422, code: 'content_risky', userMessage: '内容含有违规信息，请修改后再发布', detail: 'risky' });
  });

  it('treats a 2xx that is not JSON as a server problem', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1000 });
    wx.handler = (r) => r.respond(200, '<html>proxy</html>');
    await expect(transport.request({ path: '/boards' })).rejects.toMatchObject({
      code: 'invalid_response',
      userMessage: '服务繁忙，请稍后再试',
    });
  });

  it('sends JSON bodies, query strings, and the Bearer token only when one exists', async () => {
    let token: string | null = null;
    const transport = createTransport({
      baseUrl: BASE,
      timeoutMs: 1000,
      tokenSource: { accessToken: () => token, refresh: async () => undefined, login: async () => undefined },
    });
    wx.handler = (r) => r.respond(200, {});
    await transport.request({ path: '/posts', query: { boardId: 2, cursor: 'a b', pinned: undefined } });
    token = 't1';
    await transport.request({ method: 'POST', path: '/reports', body: { targetId: 1 } });
    await transport.request({ method: 'POST', path: '/auth/logout', body: {}, auth: false });
    const [read, write, logout] = wx.requests as [StubRequest, StubRequest, StubRequest];
    expect(read.url).toBe(`${BASE}/posts?boardId=2&cursor=a%20b`);
    expect(read.header.Authorization).toBeUndefined();
    expect(write.header).toEqual({ 'content-type': 'application/json', Authorization: 'Bearer t1' });
    expect(write.data).toEqual({ targetId: 1 });
    expect(logout.header.Authorization).toBeUndefined();
  });
});

describe('error mapping', () => {
  it.each([
    [500, undefined, 'http_500', '服务繁忙，请稍后再试'],
    [502, '<html>Bad Gateway</html>', 'http_502', '服务繁忙，请稍后再试'],
    [503, { code: 'wechat_unavailable', message: '服务繁忙，请稍后再试' }, 'wechat_unavailable', '服务繁忙，请稍后再试'],
    [429, { code: 'rate_limited', message: '操作太频繁，请稍后再试' }, 'rate_limited', '操作太频繁，请稍后再试'],
    [429, '', 'http_429', '操作太频繁，请稍后再试'],
    [404, '', 'http_404', '内容不存在或已被删除'],
    [403, { code: 'profile_required', message: '请先设置头像和昵称' }, 'profile_required', '请先设置头像和昵称'],
    [413, '', 'http_413', '图片太大了，请换一张'],
    [418, '', 'http_418', '请求无法处理，请稍后再试'],
  ])('%i %j → %s / %s', (status, body, code, message) => {
    const error = errorFromResponse(status, body);
    expect(error).toMatchObject({ status, code, userMessage: message });
  });

  it('reads Retry-After from a 429', () => {
    expect(
      errorFromResponse(429, { code: 'rate_limited', message: '操作太频繁，请稍后再试' }, { 'Retry-After': '42' }).retryAfterSeconds,
    ).toBe(42);
  });

  it('maps wx fail: timeout and network', () => {
    expect(errorFromFailure('request:fail timeout')).toMatchObject({ status: 0, code: 'timeout', userMessage: '请求超时，请稍后重试' });
    expect(errorFromFailure('request:fail errcode:-101 cronet_error_code:-101')).toMatchObject({
      status: 0,
      code: 'network_error',
      userMessage: '网络不太稳定，请稍后重试',
      isNetworkError: true,
    });
  });

  it('rejects the request promise with the mapped failure', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1000 });
    wx.handler = (r) => r.fail('request:fail timeout');
    await expect(transport.request({ path: '/posts' })).rejects.toMatchObject({ code: 'timeout', userMessage: '请求超时，请稍后重试' });
    wx.handler = (r) => r.fail('request:fail ssl hand shake error');
    await expect(transport.request({ path: '/posts' })).rejects.toMatchObject({
      code: 'network_error',
      userMessage: '网络不太稳定，请稍后重试',
    });
  });
});

describe('401 handling', () => {
  it('refresh race: five concurrent 401s make exactly one POST /auth/refresh, and all five retry and succeed', async () => {
    let transport: Transport | null = null;
    const { state, source } = tokenSourceFor(() => transport as Transport, 'expired');
    transport = createTransport({ baseUrl: BASE, timeoutMs: 1000, tokenSource: source });
    const pendingRefresh: StubRequest[] = [];
    wx.handler = routes({
      'GET /me': (r) => {
        // Answer later, so all five are in flight together.
        setTimeout(
          () =>
            r.header.Authorization === 'Bearer fresh'
              ? r.respond(200, { id: 7 })
              : r.respond(401, { code: 'invalid_access_token', message: '登录已过期，请重新进入小程序' }),
          0,
        );
      },
      'POST /auth/refresh': (r) => pendingRefresh.push(r),
    });

    const calls = Array.from({ length: 5 }, () => (transport as Transport).request<{ id: number }>({ path: '/me' }));
    await flush();
    await flush();
    // Every 401 has arrived; one refresh is on its way and all five wait on it.
    expect(pendingRefresh).toHaveLength(1);
    expect(wx.sent().filter((s) => s === 'GET /me')).toHaveLength(5);
    pendingRefresh[0]?.respond(200, { accessToken: 'fresh', refreshToken: 'r2' });

    await expect(Promise.all(calls)).resolves.toEqual(Array.from({ length: 5 }, () => ({ id: 7 })));
    expect(wx.sent().filter((s) => s === 'POST /auth/refresh')).toHaveLength(1);
    expect(wx.sent().filter((s) => s === 'GET /me')).toHaveLength(10);
    expect(
      wx.requests
        .filter((r) => r.path === '/me')
        .slice(5)
        .every((r) => r.header.Authorization === 'Bearer fresh'),
    ).toBe(true);
    expect(state.refreshCalls).toBe(1);
    expect(state.loginCalls).toBe(0);
  });

  it('a 401 arriving after another caller already renewed retries with the new token, without a second refresh', async () => {
    let transport: Transport | null = null;
    const { state, source } = tokenSourceFor(() => transport as Transport, 'expired');
    transport = createTransport({ baseUrl: BASE, timeoutMs: 1000, tokenSource: source });
    const slow: StubRequest[] = [];
    wx.handler = routes({
      'GET /me': (r) =>
        r.header.Authorization === 'Bearer fresh'
          ? r.respond(200, { id: 1 })
          : r.respond(401, { code: 'invalid_access_token', message: 'x' }),
      'GET /me/posts': (r) => (r.header.Authorization === 'Bearer fresh' ? r.respond(200, { items: [], nextCursor: null }) : slow.push(r)),
      'POST /auth/refresh': (r) => r.respond(200, { accessToken: 'fresh', refreshToken: 'r2' }),
    });
    const late = transport.request({ path: '/me/posts' });
    await transport.request({ path: '/me' });
    slow[0]?.respond(401, { code: 'invalid_access_token', message: 'x' });
    await expect(late).resolves.toEqual({ items: [], nextCursor: null });
    expect(state.refreshCalls).toBe(1);
    expect(wx.requests.filter((r) => r.path === '/me/posts').map((r) => r.header.Authorization)).toEqual([
      'Bearer expired',
      'Bearer fresh',
    ]);
  });

  it('refresh refused → silent login → retry succeeds', async () => {
    let transport: Transport | null = null;
    const { state, source } = tokenSourceFor(() => transport as Transport, 'expired');
    transport = createTransport({ baseUrl: BASE, timeoutMs: 1000, tokenSource: source });
    wx.handler = routes({
      'POST /posts': (r) =>
        r.header.Authorization === 'Bearer from-login'
          ? r.respond(201, { id: 99 })
          : r.respond(401, { code: 'invalid_access_token', message: 'x' }),
      'POST /auth/refresh': (r) => r.respond(401, { code: 'invalid_refresh_token', message: '登录已过期，请重新进入小程序' }),
      'POST /auth/wechat': (r) => r.respond(200, { accessToken: 'from-login', refreshToken: 'r9' }),
    });
    await expect(transport.request({ method: 'POST', path: '/posts', body: {} })).resolves.toEqual({ id: 99 });
    expect(wx.sent()).toEqual(['POST /posts', 'POST /auth/refresh', 'POST /auth/wechat', 'POST /posts']);
    expect(state).toMatchObject({ refreshCalls: 1, loginCalls: 1 });
  });

  it('a second 401 after a successful refresh is returned, not looped on', async () => {
    let transport: Transport | null = null;
    const { state, source } = tokenSourceFor(() => transport as Transport, 'expired');
    transport = createTransport({ baseUrl: BASE, timeoutMs: 1000, tokenSource: source });
    wx.handler = routes({
      'GET /me': (r) => r.respond(401, { code: 'invalid_access_token', message: '登录已过期，请重新进入小程序' }),
      'POST /auth/refresh': (r) => r.respond(200, { accessToken: 'fresh', refreshToken: 'r2' }),
    });
    await expect(transport.request({ path: '/me' })).rejects.toMatchObject({ status: 401, code: 'invalid_access_token' });
    expect(wx.sent()).toEqual(['GET /me', 'POST /auth/refresh', 'GET /me']);
    expect(state.refreshCalls).toBe(1);
  });

  it('when refresh and login both fail the original 401 is returned; auth:false requests never renew', async () => {
    let transport: Transport | null = null;
    const { state, source } = tokenSourceFor(() => transport as Transport, 'expired');
    transport = createTransport({ baseUrl: BASE, timeoutMs: 1000, tokenSource: source });
    wx.handler = routes({
      'GET /me': (r) => r.respond(401, { code: 'invalid_access_token', message: '登录已过期，请重新进入小程序' }),
      'POST /auth/refresh': (r) => r.fail('request:fail'),
      'POST /auth/wechat': (r) => r.fail('request:fail'),
      'POST /auth/password': (r) => r.respond(401, { code: 'invalid_credentials', message: '账号或密码错误' }),
    });
    await expect(transport.request({ path: '/me' })).rejects.toMatchObject({ status: 401, userMessage: '登录已过期，请重新进入小程序' });
    await expect(transport.request({ method: 'POST', path: '/auth/password', body: {}, auth: false })).rejects.toMatchObject({
      code: 'invalid_credentials',
      userMessage: '账号或密码错误',
    });
    expect(state).toMatchObject({ refreshCalls: 1, loginCalls: 1 });
  });

  it('uploads go through the same 401 handling and parse the text body', async () => {
    let transport: Transport | null = null;
    const { source } = tokenSourceFor(() => transport as Transport, 'expired');
    transport = createTransport({ baseUrl: BASE, timeoutMs: 1000, tokenSource: source });
    wx.handler = (r) => {
      if (r.path === '/auth/refresh') r.respond(200, { accessToken: 'fresh', refreshToken: 'r2' });
      else if (r.header.Authorization === 'Bearer fresh') r.respond(201, JSON.stringify({ id: 'm1', status: 'pending' }));
      else r.respond(401, JSON.stringify({ code: 'invalid_access_token', message: 'x' }));
    };
    await expect(
      transport.upload({ path: '/media', filePath: 'wxfile://tmp/a.jpg', name: 'file', formData: { purpose: 'post_image' } }),
    ).resolves.toEqual({
      id: 'm1',
      status: 'pending',
    });
    expect(wx.requests.map((r) => `${r.kind} ${r.path}`)).toEqual(['upload /media', 'request /auth/refresh', 'upload /media']);
  });
});

describe('revalidation (ETag / If-None-Match)', () => {
  it('revalidates a tagged GET: the repeat sends If-None-Match, and a 304 resolves with the kept body', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1000 });
    const page = { items: [{ id: 1, title: '第一帖' }], nextCursor: null };
    wx.handler = routes({
      'GET /posts': (r) =>
        r.header['If-None-Match'] === '"v1"' ? r.respond(304, '', { ETag: '"v1"' }) : r.respond(200, page, { ETag: '"v1"' }),
    });
    await expect(transport.request({ path: '/posts', query: { limit: 20 } })).resolves.toEqual(page);
    await expect(transport.request({ path: '/posts', query: { limit: 20 } })).resolves.toEqual(page);
    expect(wx.requests.map((r) => r.header['If-None-Match'])).toEqual([undefined, '"v1"']);
  });

  it('a changed page replaces the kept one; other URLs and untagged answers are never conditional', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1000 });
    let version = 1;
    wx.handler = routes({
      'GET /posts': (r) =>
        r.header['If-None-Match'] === `"v${version}"` ? r.respond(304, '') : r.respond(200, { v: version }, { etag: `"v${version}"` }),
      'GET /boards': (r) => r.respond(200, { items: [] }),
    });
    await transport.request({ path: '/posts' });
    version = 2;
    await expect(transport.request({ path: '/posts' })).resolves.toEqual({ v: 2 });
    await expect(transport.request({ path: '/posts' })).resolves.toEqual({ v: 2 });
    await transport.request({ path: '/boards' });
    await transport.request({ path: '/boards' });
    await transport.request({ path: '/posts', query: { boardId: 3 } });
    expect(wx.requests.map((r) => `${r.url.slice(BASE.length)} ${r.header['If-None-Match'] ?? '-'}`)).toEqual([
      '/posts -',
      '/posts "v1"',
      '/posts "v2"',
      '/boards -',
      '/boards -',
      '/posts?boardId=3 -',
    ]);
  });

  it('writes never carry If-None-Match', async () => {
    const transport = createTransport({ baseUrl: BASE, timeoutMs: 1000 });
    wx.handler = routes({
      'GET /posts': (r) => r.respond(200, { items: [] }, { ETag: '"v1"' }),
      'POST /posts': (r) => r.respond(201, { id: 9 }),
    });
    await transport.request({ path: '/posts' });
    await transport.request({ method: 'POST', path: '/posts', body: { title: '标题' } });
    expect(wx.requests[1]?.header['If-None-Match']).toBeUndefined();
  });
});
