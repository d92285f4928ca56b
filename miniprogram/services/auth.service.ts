/**
 * Sessions: silent login, refresh, the reviewer's password login and logout. The only module
 * that reads or writes tokens in storage (one key), and the TokenSource the transport renews
 * sessions through. Reading never waits for any of this: `startSession()` returns a promise the
 * app does not await before requesting the feed.
 */
import type { Me, TokenPair } from '../../typings/api';
import { config } from '../config';
import { forumStore, sessionStore } from '../stores';
import type { SessionTokens } from '../stores/session.store';
import { isRecord, readStored, removeStored, StorageKeys, writeStored } from './storage.service';
import { ApiRequestError, isApiRequestError, transport, type TokenSource } from './transport';

/** An access token this close to its expiry is renewed at launch instead of being sent. */
const EXPIRY_MARGIN_MS = 30_000;

interface StoredSession extends SessionTokens {
  user: Me;
}

function isStoredSession(value: unknown): value is StoredSession {
  return (
    isRecord(value) &&
    typeof value.accessToken === 'string' &&
    typeof value.refreshToken === 'string' &&
    typeof value.accessTokenExpiresAt === 'number' &&
    isRecord(value.user) &&
    typeof value.user.id === 'number' &&
    typeof value.user.role === 'string'
  );
}

function persist(): void {
  const { tokens, user } = sessionStore;
  if (tokens && user) writeStored(StorageKeys.session, { ...tokens, user });
  else removeStored(StorageKeys.session);
}

function applyTokenPair(pair: TokenPair, now: number = Date.now()): Me {
  const previousUserId = sessionStore.user?.id ?? null;
  if (previousUserId !== null && previousUserId !== pair.user.id) forumStore.forgetPersonal();
  sessionStore.setSession(
    {
      accessToken: pair.accessToken,
      refreshToken: pair.refreshToken,
      accessTokenExpiresAt: now + pair.accessTokenExpiresIn * 1000,
    },
    pair.user,
  );
  persist();
  return pair.user;
}

/** Loads the stored session into the session store. Returns whether there was one. */
export function restoreSession(): boolean {
  const stored = readStored(StorageKeys.session, isStoredSession);
  if (!stored) return false;
  const { user, ...tokens } = stored;
  sessionStore.setSession(tokens, user);
  return true;
}

/** wx.login → a single-use code (valid 5 minutes). */
export function wechatLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      timeout: config.requestTimeoutMs,
      success: (res) => {
        if (res.code) resolve(res.code);
        else reject(new ApiRequestError(0, 'wechat_login_failed', '登录失败，请稍后重试', res.errMsg));
      },
      fail: (err) => reject(new ApiRequestError(0, 'wechat_login_failed', '登录失败，请稍后重试', err.errMsg)),
    });
  });
}

/** POST /auth/wechat: the WeChat user's own session (a guest until they set a nickname). */
export async function silentLogin(): Promise<Me> {
  const code = await wechatLoginCode();
  const pair = await transport.request<TokenPair>({ method: 'POST', path: '/auth/wechat', body: { code }, auth: false });
  return applyTokenPair(pair);
}

/** POST /auth/refresh: rotates the refresh token. A refused token ends the stored session. */
export async function refreshSession(): Promise<Me> {
  const refreshToken = sessionStore.tokens?.refreshToken;
  if (!refreshToken) throw new ApiRequestError(401, 'no_refresh_token', '登录已过期，请重新进入小程序');
  try {
    const pair = await transport.request<TokenPair>({ method: 'POST', path: '/auth/refresh', body: { refreshToken }, auth: false });
    return applyTokenPair(pair);
  } catch (error) {
    // Only a refusal ends the session; a network failure keeps it for the next attempt.
    if (isApiRequestError(error) && (error.status === 401 || error.status === 403)) {
      sessionStore.clear();
      persist();
    }
    throw error;
  }
}

/** POST /auth/password: the reviewer's test account, tied to this device's WeChat user. */
export async function loginWithPassword(username: string, password: string): Promise<Me> {
  const code = await wechatLoginCode();
  const pair = await transport.request<TokenPair>({
    method: 'POST',
    path: '/auth/password',
    body: { username, password, code },
    auth: false,
  });
  return applyTokenPair(pair);
}

/** POST /auth/logout (best effort), then forgets the session locally whatever the server said. */
export async function logout(): Promise<void> {
  const refreshToken = sessionStore.tokens?.refreshToken;
  sessionStore.clear();
  persist();
  forumStore.forgetPersonal();
  if (!refreshToken) return;
  try {
    await transport.request<void>({ method: 'POST', path: '/auth/logout', body: { refreshToken }, auth: false });
  } catch {
    // The session ends on the server when its refresh token expires; nothing for the user to do.
  }
}

/** GET /me: the user as the server sees them now (role, nickname review, ban). */
export async function fetchMe(): Promise<Me> {
  const user = await transport.request<Me>({ path: '/me' });
  sessionStore.updateUser(user);
  persist();
  return user;
}

/**
 * The transport's way to our tokens; renewals go through transport.renewSession (one at a time).
 * app.ts plugs it into the transport at launch (nothing is wired by importing this module).
 */
export const authTokenSource: TokenSource = {
  accessToken: () => sessionStore.tokens?.accessToken ?? null,
  refresh: async () => {
    await refreshSession();
  },
  login: async () => {
    await silentLogin();
  },
};

/**
 * Launch: restores the stored session and, in the background, makes it usable: a silent login
 * when there is none, a refresh when the access token expired, otherwise a fresh GET /me. Never
 * rejects and is never awaited before reading: public reads go out at once, anonymously or with
 * the stored token, and a 401 on the way joins the same renewal.
 */
export function startSession(now: number = Date.now()): Promise<void> {
  const restored = restoreSession();
  const expiresAt = sessionStore.tokens?.accessTokenExpiresAt ?? 0;
  const work: Promise<unknown> = restored && expiresAt - EXPIRY_MARGIN_MS > now ? fetchMe() : transport.renewSession();
  return work.then(
    () => undefined,
    () => undefined,
  );
}
