/** SQL of the web console: its moderator accounts and their sessions (migration 0030). */
import type { Db } from '../../db/database';
import { isoNow } from '../../lib/time';

export function findAccountByName(db: Db, name: string) {
  return db.selectFrom('console_accounts').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertAccount(db: Db, values: { name: string; userId: number; passwordHash: string }): Promise<void> {
  const now = isoNow();
  await db
    .insertInto('console_accounts')
    .values({ name: values.name, user_id: values.userId, password_hash: values.passwordHash, created_at: now, password_changed_at: now })
    .execute();
}

export async function updatePassword(db: Db, name: string, passwordHash: string): Promise<boolean> {
  const result = await db
    .updateTable('console_accounts')
    .set({ password_hash: passwordHash, password_changed_at: isoNow() })
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertSession(db: Db, values: { idHash: string; accountName: string; expiresAt: string }): Promise<void> {
  const now = isoNow();
  await db
    .insertInto('console_sessions')
    .values({ id_hash: values.idHash, account_name: values.accountName, created_at: now, last_seen_at: now, expires_at: values.expiresAt })
    .execute();
}

/** A live session (not revoked, not past its absolute expiry, seen since `seenAfter`) with its account. */
export function findLiveSession(db: Db, idHash: string, now: string, seenAfter: string) {
  return db
    .selectFrom('console_sessions')
    .innerJoin('console_accounts', 'console_accounts.name', 'console_sessions.account_name')
    .select(['console_sessions.id_hash', 'console_accounts.name', 'console_accounts.user_id'])
    .where('console_sessions.id_hash', '=', idHash)
    .where('console_sessions.revoked_at', 'is', null)
    .where('console_sessions.expires_at', '>', now)
    .where('console_sessions.last_seen_at', '>', seenAfter)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string): Promise<void> {
  await db.updateTable('console_sessions').set({ last_seen_at: isoNow() }).where('id_hash', '=', idHash).execute();
}

export async function revokeSession(db: Db, idHash: string): Promise<void> {
  await db.updateTable('console_sessions').set({ revoked_at: isoNow() }).where('id_hash', '=', idHash).execute();
}

/** A reset password ends every session of the account. */
export async function revokeAccountSessions(db: Db, name: string): Promise<void> {
  await db
    .updateTable('console_sessions')
    .set({ revoked_at: isoNow() })
    .where('account_name', '=', name)
    .where('revoked_at', 'is', null)
    .execute();
}
