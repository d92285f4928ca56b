/**
 * The web console's own accounts and sessions (modules/console). A console account is a password
 * login for one moderator user, kept apart from users.username/password_hash (the reviewer test
 * account), so no reviewer password can ever open the console. Sessions are stored by the hash of
 * their cookie, with an idle and an absolute expiry.
 */
import type { Kysely } from 'kysely';

export function consoleAccountsMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('console_accounts')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('password_changed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('console_sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_name', 'text', (c) => c.notNull().references('console_accounts.name').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('console_sessions_account_idx').on('console_sessions').column('account_name').execute();
    },
  };
}
