/**
 * Opens the database: an embedded SQLite file by default, PostgreSQL when DATABASE_URL is set.
 * Everything above this module is the same Kysely code for both.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The PostgreSQL schema the connections are confined to (tests), if not the default. */
  schema?: string;
}

export function openDatabase(settings: Config['database'] | { kind: 'postgres'; url: string; schema?: string }): DatabaseHandle {
  if (settings.kind === 'postgres') {
    const schema = 'schema' in settings ? settings.schema : undefined;
    const pool = new pg.Pool({
      connectionString: settings.url,
      max: 10,
      // Tests isolate each file in its own schema.
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', ...(schema ? { schema } : {}) };
  }
  if (settings.path !== ':memory:') fs.mkdirSync(path.dirname(settings.path), { recursive: true });
  const sqlite = new SqliteDatabase(settings.path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return { db: new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }) }), dialect: 'sqlite' };
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every statement anew, which the bench's profile showed costing
 * ~8 % of a read's CPU. The app runs a small fixed set of SQL texts, so prepared statements are
 * kept by text (least recently used dropped past the limit). Safe because the driver runs one
 * query at a time on its single connection, and SQLite re-prepares a statement itself when the
 * schema changed under it.
 */
function reusingStatements(sqlite: SqliteDatabase.Database) {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteDatabase.Statement {
      let statement = statements.get(sql);
      if (statement) {
        statements.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}
