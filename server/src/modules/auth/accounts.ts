/**
 * What other modules may do with user accounts, so none of them reaches into auth's
 * repositories: look an account up, make a guest a member, ban and unban (a ban ends every
 * session at once), and erase an account's identity and sessions. Functions take the database
 * or the caller's transaction first, so they commit together with the caller's other writes.
 */
import type { Db } from '../../db/database';
import type { UserRow } from '../../db/schema';
import { deleteUserSessions, revokeUserSessions } from './sessions.repository';
import * as users from './users.repository';

export function findAccount(db: Db, userId: number): Promise<UserRow | undefined> {
  return users.findUserById(db, userId);
}

/** The user behind a web-console moderator account (modules/console). */
export function createModeratorAccount(db: Db, nickname: string): Promise<UserRow> {
  return users.insertModeratorUser(db, nickname);
}

export function promoteGuestToMember(db: Db, userId: number): Promise<void> {
  return users.promoteGuest(db, userId);
}

/** false when the user was banned already or is a moderator. */
export async function banAccount(db: Db, userId: number): Promise<boolean> {
  if (!(await users.banUser(db, userId))) return false;
  await revokeUserSessions(db, userId, 'banned');
  return true;
}

export function unbanAccount(db: Db, userId: number): Promise<boolean> {
  return users.unbanUser(db, userId);
}

/** The row stays as an anonymous husk (other rows reference it); everything personal goes. */
export async function eraseAccount(db: Db, userId: number): Promise<void> {
  await deleteUserSessions(db, userId);
  await users.scrubUser(db, userId);
}
