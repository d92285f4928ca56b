/**
 * The app's access token, fetched with getStableAccessToken and shared by every caller of the
 * process. WeChat wants the token cached centrally: fetching it per call burns the quota, and
 * force refreshes are limited (20/day, ≥30 s apart), so this module is the only one that asks.
 */
import { callWeChat, weChatUrl, type WeChatLogger } from './wechat-http';
import { WeChatUnavailableError } from './types';

export interface StableToken {
  accessToken: string;
  expiresInSeconds: number;
}

/** One call to stable_token; `forceRefresh` asks WeChat to replace a token it no longer accepts. */
export type StableTokenFetcher = (forceRefresh: boolean) => Promise<StableToken>;

export interface AccessTokenCache {
  /** A token WeChat accepts for a while yet. Concurrent callers share a single refresh. */
  get(): Promise<string>;
  /**
   * WeChat rejected a token (40001/42001): the next get() fetches a new one. Pass the rejected
   * token so that callers who all failed with the same old token cause one refresh, not one each.
   */
  invalidate(rejectedToken?: string): void;
}

export const FORCE_REFRESH_MIN_INTERVAL_MS = 30_000;
/** WeChat itself hands out a new token in the last 5 minutes; renewing in that window is free. */
const MAX_RENEWAL_MARGIN_MS = 5 * 60_000;
/** After a failed early renewal, the still-valid token is served and renewal retried this much later. */
const RENEWAL_RETRY_MS = 10_000;

interface CachedToken {
  token: string;
  renewAt: number;
  expiresAt: number;
}

export function createAccessTokenCache(options: {
  fetchToken: StableTokenFetcher;
  now?: () => number;
  logger?: WeChatLogger;
}): AccessTokenCache {
  const now = options.now ?? Date.now;
  const { fetchToken, logger } = options;
  let cached: CachedToken | undefined;
  let rejected = false;
  let inflight: Promise<string> | undefined;
  let lastForcedAt: number | undefined;

  function store(fresh: StableToken): string {
    const fetchedAt = now();
    const lifetime = fresh.expiresInSeconds * 1000;
    // Half the lifetime when WeChat hands out a short-lived token, so we don't refetch on every call.
    const margin = Math.min(MAX_RENEWAL_MARGIN_MS, lifetime / 2);
    cached = { token: fresh.accessToken, renewAt: fetchedAt + lifetime - margin, expiresAt: fetchedAt + lifetime };
    rejected = false;
    return fresh.accessToken;
  }

  function refresh(): Promise<string> {
    // Forcing more often than WeChat allows would fail; a normal fetch still returns a new token
    // when the old one has really expired, which is the common case behind 42001.
    const force = rejected && (lastForcedAt === undefined || now() - lastForcedAt >= FORCE_REFRESH_MIN_INTERVAL_MS);
    if (force) lastForcedAt = now();
    const attempt = fetchToken(force).then(
      (fresh) => {
        logger?.info({ api: 'stable_token', forceRefresh: force, expiresIn: fresh.expiresInSeconds }, 'WeChat access token refreshed');
        return store(fresh);
      },
      (error: unknown) => {
        const stillUsable = cached !== undefined && !rejected && now() < cached.expiresAt;
        logger?.warn(
          {
            api: 'stable_token',
            forceRefresh: force,
            reason: error instanceof Error ? error.message : String(error),
            servingOldToken: stillUsable,
          },
          'WeChat access token refresh failed',
        );
        if (cached !== undefined && stillUsable) {
          cached.renewAt = Math.min(cached.expiresAt, now() + RENEWAL_RETRY_MS);
          return cached.token;
        }
        throw error;
      },
    );
    inflight = attempt.finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    get() {
      if (inflight) return inflight;
      if (cached && !rejected && now() < cached.renewAt) return Promise.resolve(cached.token);
      return refresh();
    },
    invalidate(rejectedToken) {
      if (!cached) return;
      if (rejectedToken !== undefined && rejectedToken !== cached.token) return;
      rejected = true;
    },
  };
}

/** The real fetcher: `POST {base}/cgi-bin/stable_token`. */
export function createStableTokenFetcher(options: {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
}): StableTokenFetcher {
  return async (forceRefresh) => {
    const body = await callWeChat({
      api: 'stable_token',
      url: weChatUrl(options.baseUrl, '/cgi-bin/stable_token'),
      method: 'POST',
      json: { grant_type: 'client_credential', appid: options.appId, secret: options.appSecret, force_refresh: forceRefresh },
      timeoutMs: options.timeoutMs,
    });
    const { access_token: accessToken, expires_in: expiresInSeconds } = body;
    if (typeof accessToken !== 'string' || accessToken === '' || typeof expiresInSeconds !== 'number' || !(expiresInSeconds > 0)) {
      throw new WeChatUnavailableError('stable_token', 'answer has no usable access_token/expires_in');
    }
    return { accessToken, expiresInSeconds };
  };
}
