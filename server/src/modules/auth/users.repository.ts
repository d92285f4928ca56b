/** SQL for users. Functions take the database or a transaction first, so services compose them. */
import type { Db } from '../../db/database';
import type { Role, UserRow, UserUpdate } from '../../db/schema';
import { isoNow } from '../../lib/time';

export function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export function findUserByOpenid(db: Db, openid: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('openid', '=', openid).executeTakeFirst();
}

export function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).where('deleted_at', 'is', null).executeTakeFirst();
}

/**
 * First sight of a WeChat user creates a guest. Two logins racing for the same new openid both
 * end with the one row: the loser's insert is skipped by the unique constraint.
 */
export async function findOrCreateGuest(db: Db, openid: string): Promise<UserRow> {
  const now = isoNow();
  await db
    .insertInto('users')
    .values({ openid, role: 'guest', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('openid').doNothing())
    .execute();
  const user = await findUserByOpenid(db, openid);
  if (!user) throw new Error(`User for openid vanished right after upsert`);
  return user;
}

export async function insertStaffUser(
  db: Db,
  values: { username: string; nickname: string; role: Role; passwordHash: string | null },
): Promise<UserRow> {
  const now = isoNow();
  return db
    .insertInto('users')
    .values({
      username: values.username,
      nickname: values.nickname,
      role: values.role,
      password_hash: values.passwordHash,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A moderator with no login of its own here (no openid, no username): the web console's accounts point at it. */
export async function insertModeratorUser(db: Db, nickname: string): Promise<UserRow> {
  const now = isoNow();
  return db
    .insertInto('users')
    .values({ nickname, role: 'moderator', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateUser(db: Db, id: number, changes: UserUpdate): Promise<UserRow> {
  return db
    .updateTable('users')
    .set({ ...changes, updated_at: isoNow() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Account deletion keeps the row (other rows reference it) but removes everything personal. */
export async function scrubUser(db: Db, id: number): Promise<void> {
  const now = isoNow();
  await db
    .updateTable('users')
    .set({
      openid: null,
      username: null,
      password_hash: null,
      nickname: null,
      pending_nickname: null,
      pending_nickname_status: null,
      deleted_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Moderators are never banned here: the role is checked in the same statement that bans. */
export async function banUser(db: Db, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ banned_at: isoNow(), updated_at: isoNow() })
    .where('id', '=', userId)
    .where('role', '!=', 'moderator')
    .where('banned_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function unbanUser(db: Db, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ banned_at: null, updated_at: isoNow() })
    .where('id', '=', userId)
    .where('banned_at', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A guest who sets a nickname becomes a member; other roles stay. */
export async function promoteGuest(db: Db, userId: number): Promise<void> {
  await db
    .updateTable('users')
    .set({ role: 'member', updated_at: isoNow() })
    .where('id', '=', userId)
    .where('role', '=', 'guest')
    .execute();
}
