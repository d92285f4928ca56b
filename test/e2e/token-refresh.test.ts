/**
 * Journey (g): the access token expires while the app is in use. The next request that needs it
 * refreshes the session once, transparently: the page loads with no error, a member's reply goes
 * through (401, one refresh, the same request again), and the refresh token has rotated. The
 * host's server issues 1-second access tokens for this spec.
 */
import { currentPage, elements, go, tap, text, type, waitUntil } from './support/elements';
import { becomeMember } from './support/member';
import { useMiniProgram } from './support/mini-program';

interface StoredSession {
  accessToken: string;
  refreshToken: string;
}

const app = useMiniProgram({ serverEnv: { ACCESS_TOKEN_TTL_SECONDS: '1' } });

const storedSession = async () => (await app.miniProgram.callWxMethod('getStorageSync', 'community.session.v1')) as StoredSession | '';

it('(g) an expired access token is refreshed once and the page loads without an error', async () => {
  const before = await storedSession();
  if (before === '') throw new Error('silent login left no session');

  await new Promise((resolve) => setTimeout(resolve, 1500));
  const me = await go(app.miniProgram, 'switchTab', '/pages/me/index');
  const shown = await text(me, '.me');
  expect(shown).toContain('我的帖子');
  expect(shown).not.toMatch(/登录已过期|请重新登录|网络不太稳定|请求无法处理/);

  await waitUntil('the rotated session to be stored', async () => {
    const after = await storedSession();
    return after !== '' && after.refreshToken !== before.refreshToken;
  });
  const after = (await storedSession()) as StoredSession;
  expect(after.accessToken).not.toBe(before.accessToken);
});

type RequestLog = { sentRequests?: string[]; shownToasts?: string[] };

it('(g) a reply sent with an expired token goes through after one refresh, with no error shown', async () => {
  await becomeMember(app.miniProgram, '夜读人');
  // Record what goes out (method, path, status, or the failure) and the toasts, passing every
  // call on to WeChat. The wrapper hands the app's own success, fail and complete back explicitly:
  // a callback it dropped would leave the app's request pending for good.
  await app.miniProgram.mockWxMethod(
    'request',
    function record(
      this: { origin: (o: unknown) => unknown },
      options: {
        method?: string;
        url: string;
        success?: (r: { statusCode: number }) => void;
        fail?: (e: { errMsg: string }) => void;
        complete?: (r: unknown) => void;
      },
    ) {
      const log = globalThis as unknown as RequestLog;
      const name = `${options.method ?? 'GET'} ${options.url.replace(/^https?:\/\/[^/]+/, '').split('?')[0]}`;
      this.origin({
        ...options,
        success(result: { statusCode: number }) {
          log.sentRequests = [...(log.sentRequests ?? []), `${name} ${result.statusCode}`];
          options.success?.(result);
        },
        fail(error: { errMsg: string }) {
          log.sentRequests = [...(log.sentRequests ?? []), `${name} failed: ${error.errMsg}`];
          options.fail?.(error);
        },
        complete(result: unknown) {
          options.complete?.(result);
        },
      });
      // Nothing returned: the real request calls the callbacks itself.
      return undefined;
    },
  );
  await app.miniProgram.mockWxMethod('showToast', function record(options: { title: string }) {
    const log = globalThis as unknown as RequestLog;
    log.shownToasts = [...(log.shownToasts ?? []), options.title];
    return Promise.resolve({ errMsg: 'showToast:ok' });
  });

  const forum = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  const pinned = await elements(forum, '.forum__pinned .forum__card');
  await tap(pinned[0], '.post-card');
  const post = await currentPage(app.miniProgram, 'pages/post/index');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await app.miniProgram.evaluate(() => {
    (globalThis as unknown as RequestLog).sentRequests = [];
  });

  await type(post, '#reply-input', '过期了也能接着聊');
  await tap(post, '#reply-send');
  expect(await text(post, '.post-page__comments')).toContain('过期了也能接着聊');
  const log = (await app.miniProgram.evaluate(() => {
    const { sentRequests, shownToasts } = globalThis as unknown as RequestLog;
    return { sentRequests, shownToasts };
  })) as RequestLog;
  const sent = (log.sentRequests ?? []).filter((line) => !line.startsWith('GET '));
  expect(sent).toEqual([
    expect.stringMatching(/^POST \/posts\/\d+\/comments 401$/),
    'POST /auth/refresh 200',
    expect.stringMatching(/^POST \/posts\/\d+\/comments 201$/),
  ]);
  expect(log.shownToasts ?? []).toContain('评论成功');
  expect((log.shownToasts ?? []).join()).not.toMatch(/登录已过期|网络不太稳定|请求无法处理/);
  await app.miniProgram.restoreWxMethod('request');
  await app.miniProgram.restoreWxMethod('showToast');
});
