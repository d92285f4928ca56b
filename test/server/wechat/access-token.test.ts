/**
 * The shared access-token cache: one fetch for many callers, renewal before expiry, and refreshes
 * after WeChat rejects a token that respect force_refresh's 30-second limit. The fetcher is
 * proven against the fake WeChat over HTTP.
 */
import { startFakeWeChat, type FakeWeChat } from '../../../server/src/dev/fake-wechat';
import {
  createAccessTokenCache,
  createStableTokenFetcher,
  type StableToken,
  type StableTokenFetcher,
} from '../../../server/src/wechat/access-token';
import { WeChatApiError, WeChatUnavailableError } from '../../../server/src/wechat/types';

/** A scripted stable_token: records every call, answers token-1, token-2… or what a test queues. */
function scriptedFetcher(expiresInSeconds = 7200) {
  const forced: boolean[] = [];
  const queued: Array<() => Promise<StableToken>> = [];
  const fetchToken: StableTokenFetcher = async (forceRefresh) => {
    forced.push(forceRefresh);
    const next = queued.shift();
    if (next) return next();
    return { accessToken: `token-${forced.length}`, expiresInSeconds };
  };
  return { fetchToken, forced, queue: (answer: () => Promise<StableToken>) => queued.push(answer) };
}

function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createAccessTokenCache', () => {
  it('fetches once and shares the token, even with concurrent first callers', async () => {
    const fetcher = scriptedFetcher();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(await cache.get()).toBe('token-1');
    expect(fetcher.forced).toEqual([false]);
  });

  it('renews 5 minutes before expiry', async () => {
    const fetcher = scriptedFetcher(7200);
    const clock = manualClock();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken, now: clock.now });
    await cache.get();
    clock.advance((7200 - 300) * 1000 - 1);
    expect(await cache.get()).toBe('token-1');
    clock.advance(1);
    expect(await cache.get()).toBe('token-2');
    expect(fetcher.forced).toEqual([false, false]);
  });

  it('uses half the lifetime as margin when WeChat hands out a short-lived token', async () => {
    const fetcher = scriptedFetcher(300);
    const clock = manualClock();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken, now: clock.now });
    await cache.get();
    clock.advance(149_000);
    expect(await cache.get()).toBe('token-1');
    clock.advance(1_000);
    expect(await cache.get()).toBe('token-2');
  });

  it('after invalidate, forces a refresh at most every 30 s and fetches normally in between', async () => {
    const fetcher = scriptedFetcher();
    const clock = manualClock();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken, now: clock.now });
    cache.invalidate('nothing cached yet');
    await cache.get();

    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
    clock.advance(29_999);
    cache.invalidate('token-2');
    expect(await cache.get()).toBe('token-3');
    clock.advance(1);
    cache.invalidate();
    expect(await cache.get()).toBe('token-4');
    expect(fetcher.forced).toEqual([false, true, false, true]);
  });

  it('ignores an invalidate for a token it has already replaced', async () => {
    const fetcher = scriptedFetcher();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken });
    await cache.get();
    cache.invalidate('token-1');
    await cache.get();
    // A slower caller reports the same old token: no second refresh.
    cache.invalidate('token-1');
    expect(await cache.get()).toBe('token-2');
    expect(fetcher.forced).toHaveLength(2);
  });

  it('shares a failure with concurrent callers and retries on the next call', async () => {
    const fetcher = scriptedFetcher();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken });
    fetcher.queue(async () => {
      throw new WeChatUnavailableError('stable_token', 'busy');
    });
    const results = await Promise.allSettled([cache.get(), cache.get(), cache.get()]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(fetcher.forced).toHaveLength(1);
    expect(await cache.get()).toBe('token-2');
  });

  it('keeps serving the old token when an early renewal fails, and retries 10 s later', async () => {
    const fetcher = scriptedFetcher(7200);
    const clock = manualClock();
    const warnings: object[] = [];
    const logger = { warn: (obj: object) => warnings.push(obj), info: () => undefined, debug: () => undefined };
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken, now: clock.now, logger });
    await cache.get();
    clock.advance((7200 - 60) * 1000);
    fetcher.queue(async () => {
      throw new WeChatUnavailableError('stable_token', 'timeout');
    });
    expect(await cache.get()).toBe('token-1');
    expect(warnings).toEqual([expect.objectContaining({ servingOldToken: true })]);
    clock.advance(9_999);
    expect(await cache.get()).toBe('token-1');
    expect(fetcher.forced).toHaveLength(2);
    clock.advance(1);
    expect(await cache.get()).toBe('token-3');
  });

  it('does not serve a rejected token when the refresh fails', async () => {
    const fetcher = scriptedFetcher();
    const cache = createAccessTokenCache({ fetchToken: fetcher.fetchToken });
    await cache.get();
    cache.invalidate('token-1');
    fetcher.queue(async () => {
      throw new WeChatUnavailableError('stable_token', 'busy');
    });
    await expect(cache.get()).rejects.toBeInstanceOf(WeChatUnavailableError);
  });
});

describe('createStableTokenFetcher against the fake WeChat', () => {
  let fake: FakeWeChat;
  beforeAll(async () => {
    fake = await startFakeWeChat({ appId: 'wxtokentest', appSecret: 'token-test-secret' });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  const fetcher = (appSecret = 'token-test-secret') =>
    createStableTokenFetcher({ baseUrl: `${fake.url}/`, appId: 'wxtokentest', appSecret, timeoutMs: 200 });

  it('posts the documented body and returns the token', async () => {
    const token = await fetcher()(true);
    expect(token).toEqual({ accessToken: expect.any(String), expiresInSeconds: 7200 });
    expect(fake.calls.stable_token).toEqual([{ grant_type: 'client_credential', appid: 'wxtokentest', force_refresh: true }]);
  });

  it('reports a wrong secret as WeChatApiError 40125', async () => {
    await expect(fetcher('wrong')(false)).rejects.toMatchObject({ constructor: WeChatApiError, errcode: 40125 });
  });

  it.each(['busy', 'http500', 'timeout'] as const)('reports %s as WeChatUnavailableError', async (mode) => {
    fake.failNext('stable_token', mode);
    await expect(fetcher()(false)).rejects.toBeInstanceOf(WeChatUnavailableError);
  });
});
