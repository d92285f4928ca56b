/**
 * Login and token lifecycle: silent WeChat login, the reviewer's password login, refresh with
 * rotation (a replayed refresh token revokes its whole family) and logout.
 */
import { randomUUID } from 'node:crypto';
import type { TokenPair } from '@wx-community-starter/contract';
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { AppError, unauthorized, wechatBusy } from '../../lib/app-error';
import { isoAfter, isoNow } from '../../lib/time';
import { WeChatApiError, WeChatUnavailableError, type WeChatClient } from '../../wechat/types';
import { InvalidAccessTokenError, type AccessTokens } from './access-tokens';
import { presentMe } from './me.presenter';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import { hashRefreshToken, newRefreshToken } from './refresh-tokens';
import * as sessions from './sessions.repository';
import * as users from './users.repository';
import type { Viewer } from './viewer';

export interface AuthServiceDeps {
  db: Db;
  wechat: WeChatClient;
  accessTokens: AccessTokens;
  refreshTokenTtlDays: number;
  testAccountUsername: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(deps: AuthServiceDeps) {
  const { db, wechat, accessTokens } = deps;
  const refreshTtlMs = deps.refreshTokenTtlDays * 24 * 60 * 60 * 1000;

  async function openidForCode(code: string): Promise<string> {
    try {
      return (await wechat.code2Session(code)).openid;
    } catch (error) {
      if (error instanceof WeChatUnavailableError) throw wechatBusy(error.message);
      if (error instanceof WeChatApiError) {
        if (error.errcode === 45011) throw new AppError(429, 'rate_limited', '操作太频繁，请稍后再试', error.message);
        if (error.errcode === 40226) throw new AppError(403, 'wechat_risky_user', '当前账号暂时无法登录', error.message);
        throw unauthorized(`login code refused: ${error.message}`, 'invalid_login_code');
      }
      throw error;
    }
  }

  async function issueTokens(trx: Db, user: UserRow, sessionId: string): Promise<TokenPair> {
    const refreshToken = newRefreshToken();
    await sessions.insertRefreshToken(trx, { sessionId, tokenHash: hashRefreshToken(refreshToken), expiresAt: isoAfter(refreshTtlMs) });
    return {
      accessToken: accessTokens.sign({ userId: user.id, sessionId }),
      accessTokenExpiresIn: accessTokens.ttlSeconds,
      refreshToken,
      user: presentMe(user, deps.testAccountUsername),
    };
  }

  async function startSession(user: UserRow, wechatOpenid: string): Promise<TokenPair> {
    return db.transaction().execute(async (trx) => {
      const sessionId = randomUUID();
      await sessions.insertSession(trx, { id: sessionId, userId: user.id, wechatOpenid });
      return issueTokens(trx, user, sessionId);
    });
  }

  return {
    /** Silent login: the code is checked with WeChat before any user row is touched. */
    async loginWithWeChat(code: string): Promise<TokenPair> {
      const openid = await openidForCode(code);
      const user = await users.findOrCreateGuest(db, openid);
      return startSession(user, openid);
    },

    /** The reviewer test account. The device's code gives the openid that content checks need. */
    async loginWithPassword(username: string, password: string, code: string): Promise<TokenPair> {
      const user = await users.findUserByUsername(db, username);
      const valid = user?.password_hash ? await verifyPassword(password, user.password_hash) : await verifyAgainstDecoy(password);
      if (!user || !valid) throw new AppError(401, 'invalid_credentials', '账号或密码错误', 'username or password does not match');
      const openid = await openidForCode(code);
      return startSession(user, openid);
    },

    async refresh(refreshToken: string): Promise<TokenPair> {
      const token = await sessions.findRefreshToken(db, hashRefreshToken(refreshToken));
      if (!token) throw unauthorized('unknown refresh token', 'invalid_refresh_token');
      if (token.revoked_at !== null) throw unauthorized('refresh token family revoked', 'invalid_refresh_token');
      if (token.used_at !== null || !(await sessions.claimRefreshToken(db, token.id))) {
        // A rotated token came back: whoever holds it may have stolen it, so end the whole family.
        await sessions.revokeSession(db, token.session_id, 'refresh token reuse');
        throw unauthorized('refresh token reused; session revoked', 'refresh_token_reused');
      }
      if (token.expires_at <= isoNow()) throw unauthorized('refresh token expired', 'invalid_refresh_token');
      const user = await users.findUserById(db, token.user_id);
      if (!user) throw unauthorized('user no longer exists', 'invalid_refresh_token');
      return db.transaction().execute((trx) => issueTokens(trx, user, token.session_id));
    },

    /** Who an access token speaks for; 401 when it is expired, tampered, of the wrong type or its session ended. */
    async viewerFor(accessToken: string): Promise<Viewer> {
      let claims;
      try {
        claims = accessTokens.verify(accessToken);
      } catch (error) {
        if (error instanceof InvalidAccessTokenError) throw unauthorized(error.message, 'invalid_access_token');
        throw error;
      }
      const session = await sessions.findLiveSession(db, claims.sessionId);
      if (!session || session.user.id !== claims.userId) throw unauthorized('session revoked or user deleted', 'invalid_access_token');
      return { user: session.user, sessionId: claims.sessionId, wechatOpenid: session.wechatOpenid };
    },

    async logout(refreshToken: string): Promise<void> {
      const token = await sessions.findRefreshToken(db, hashRefreshToken(refreshToken));
      if (token) await sessions.revokeSession(db, token.session_id, 'logout');
    },
  };
}
