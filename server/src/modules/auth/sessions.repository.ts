/** SQL for login sessions (token families) and their rotating refresh tokens. */
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { isoNow } from '../../lib/time';

export async function insertSession(db: Db, values: { id: string; userId: number; wechatOpenid: string | null }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: values.id, user_id: values.userId, wechat_openid: values.wechatOpenid, created_at: isoNow() })
    .execute();
}

export async function insertRefreshToken(db: Db, values: { sessionId: string; tokenHash: string; expiresAt: string }): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({ session_id: values.sessionId, token_hash: values.tokenHash, expires_at: values.expiresAt, created_at: isoNow() })
    .execute();
}

export function findRefreshToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens')
    .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
    .select([
      'refresh_tokens.id',
      'refresh_tokens.session_id',
      'refresh_tokens.expires_at',
      'refresh_tokens.used_at',
      'sessions.user_id',
      'sessions.revoked_at',
    ])
    .where('refresh_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a refresh token used; false when another request used it first (a replay). */
export async function claimRefreshToken(db: Db, id: number): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: isoNow() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeSession(db: Db, sessionId: string, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: isoNow(), revoked_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Db, userId: number, reason: string): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: isoNow(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

/** What an authenticated request needs, read in one indexed lookup per request. */
export async function findLiveSession(db: Db, sessionId: string): Promise<{ user: UserRow; wechatOpenid: string | null } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.wechat_openid'])
    .where('sessions.id', '=', sessionId)
    .where('sessions.revoked_at', 'is', null)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { wechat_openid, ...user } = row;
  return { user, wechatOpenid: wechat_openid };
}
