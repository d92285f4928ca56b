/**
 * The web console's accounts: moderators with a password, created and reset by the CLI
 * (console-cli.ts), and their browser sessions. A console account always stands for one user with
 * the moderator role, so every decision taken in the console is that user's, through the same
 * moderation service and audit trail as the mini program's. The reviewer test account is not a
 * console account and cannot become one: its name is refused and console logins never read
 * users.username. Session cookies are random; only their SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/app-error';
import { isoAfter, isoNow } from '../../lib/time';
import { createModeratorAccount, findAccount } from '../auth/accounts';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from '../auth/passwords';
import type { Viewer } from '../auth/viewer';
import * as repo from './console-accounts.repository';

export const MIN_PASSWORD_LENGTH = 12;
const NAME_PATTERN = /^[\p{L}\p{N}_.-]{2,32}$/u;

export interface ConsoleSession {
  idHash: string;
  accountName: string;
  viewer: Viewer;
}

const hashSessionId = (id: string) => createHash('sha256').update(id).digest('hex');

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', '账号或密码错误', 'console name or password does not match');

export type ConsoleAccountsService = ReturnType<typeof createConsoleAccountsService>;

export function createConsoleAccountsService(deps: { db: Db; testAccountUsername: string; idleMinutes: number; sessionHours: number }) {
  const { db } = deps;

  function checkPassword(password: string): void {
    if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }

  return {
    /** A new moderator user and its console login. Developer errors: only the CLI calls this. */
    async addModerator(name: string, password: string): Promise<{ userId: number }> {
      if (!NAME_PATTERN.test(name)) throw new Error('a console name is 2 to 32 letters, digits, "_", "." or "-"');
      if (name.toLowerCase() === deps.testAccountUsername.toLowerCase())
        throw new Error(`"${name}" is the reviewer test account's name; the reviewer account is never a console account`);
      checkPassword(password);
      if (await repo.findAccountByName(db, name)) throw new Error(`console account "${name}" exists already; use reset-password`);
      const passwordHash = await hashPassword(password);
      return db.transaction().execute(async (trx) => {
        const user = await createModeratorAccount(trx, name);
        await repo.insertAccount(trx, { name, userId: user.id, passwordHash });
        return { userId: user.id };
      });
    },

    /** A new password; every open session of the account ends. */
    async resetPassword(name: string, password: string): Promise<void> {
      checkPassword(password);
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updatePassword(trx, name, passwordHash))) throw new Error(`no console account named "${name}"`);
        await repo.revokeAccountSessions(trx, name);
      });
    },

    /** The cookie value of a new session, or 401 (the same answer and time for an unknown name). */
    async login(name: string, password: string): Promise<{ sessionId: string }> {
      const account = await repo.findAccountByName(db, name);
      const valid = account ? await verifyPassword(password, account.password_hash) : await verifyAgainstDecoy(password);
      if (!account || !valid) throw invalidCredentials();
      const user = await findAccount(db, account.user_id);
      if (!user || user.role !== 'moderator' || user.deleted_at !== null) throw invalidCredentials();
      const sessionId = randomBytes(32).toString('base64url');
      await repo.insertSession(db, {
        idHash: hashSessionId(sessionId),
        accountName: name,
        expiresAt: isoAfter(deps.sessionHours * 3_600_000),
      });
      return { sessionId };
    },

    /** The session a cookie names while it is live and its user still a moderator; each use restarts the idle clock. */
    async resume(sessionId: string): Promise<ConsoleSession | null> {
      const idHash = hashSessionId(sessionId);
      const session = await repo.findLiveSession(db, idHash, isoNow(), isoAfter(-deps.idleMinutes * 60_000));
      if (!session) return null;
      const user = await findAccount(db, session.user_id);
      if (!user || user.role !== 'moderator' || user.deleted_at !== null) return null;
      await repo.touchSession(db, idHash);
      return { idHash, accountName: session.name, viewer: { user, sessionId: `console:${session.name}`, wechatOpenid: null } };
    },

    logout: (session: ConsoleSession) => repo.revokeSession(db, session.idHash),
  };
}
