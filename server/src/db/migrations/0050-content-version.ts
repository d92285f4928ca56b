/**
 * One counter that moves whenever anything a public page shows may have changed: posts, comments,
 * boards, images and the public parts of users (nickname, avatar, role, ban, deletion). Database
 * triggers move it, in the same transaction as the change, so
 * - every instance sees the same version (a cache keyed by it is shared-correct across processes);
 * - the new version becomes visible exactly when the change commits, never before (a reader that
 *   reads the version first and the page second can at worst store newer content under the older
 *   version, which the next read replaces; never older content under the newer one);
 * - code written later (a CLI, a console, a new feature) cannot forget to move it.
 * The cost is one single-row update per writing statement; on PostgreSQL writers of content queue
 * on that row until they commit, which a forum's write rate does not notice.
 */
import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/** Tables whose every change may alter a public page, and the users columns that do. */
const CONTENT_TABLES = ['posts', 'comments', 'boards', 'post_media'] as const;
const PUBLIC_USER_COLUMNS = ['nickname', 'avatar_media_id', 'role', 'banned_at', 'deleted_at'] as const;

export function contentVersionMigration(dialect: Dialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('content_version')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await sql`INSERT INTO content_version (id, value) VALUES (1, 0)`.execute(db);
      const triggers = dialect === 'postgres' ? postgresTriggers() : sqliteTriggers();
      for (const statement of triggers) await sql.raw(statement).execute(db);
    },
  };
}

/** SQLite has row triggers only; each runs inside the statement's transaction. */
function sqliteTriggers(): string[] {
  const bump = 'BEGIN UPDATE content_version SET value = value + 1 WHERE id = 1; END';
  const events = [
    ...CONTENT_TABLES.flatMap((table) => ['INSERT', 'UPDATE', 'DELETE'].map((op) => ({ table, op, on: `${op} ON ${table}` }))),
    { table: 'media', op: 'UPDATE', on: 'UPDATE OF status ON media' },
    { table: 'users', op: 'UPDATE', on: `UPDATE OF ${PUBLIC_USER_COLUMNS.join(', ')} ON users` },
    { table: 'users', op: 'DELETE', on: 'DELETE ON users' },
  ];
  return events.map(
    ({ table, op, on }) => `CREATE TRIGGER ${table}_${op.toLowerCase()}_moves_content_version AFTER ${on} FOR EACH ROW ${bump}`,
  );
}

/** PostgreSQL: one statement-level trigger per table, so a bulk change moves the counter once. */
function postgresTriggers(): string[] {
  return [
    `CREATE FUNCTION move_content_version() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN UPDATE content_version SET value = value + 1 WHERE id = 1; RETURN NULL; END $$`,
    ...CONTENT_TABLES.map(
      (table) =>
        `CREATE TRIGGER ${table}_moves_content_version AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION move_content_version()`,
    ),
    `CREATE TRIGGER media_moves_content_version AFTER UPDATE OF status ON media FOR EACH STATEMENT EXECUTE FUNCTION move_content_version()`,
    `CREATE TRIGGER users_moves_content_version AFTER UPDATE OF ${PUBLIC_USER_COLUMNS.join(', ')} OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION move_content_version()`,
  ];
}
