/**
 * A fresh, migrated database per test file: in-memory SQLite by default, or a new schema in the
 * PostgreSQL at TEST_DATABASE_URL when the jest project asks for it (TEST_DB=postgres).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/database';
import { migrateToLatest } from '../../../server/src/db/migrate';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Another connection (pool) to the same database, as a second server instance would have. */
  openAnotherHandle(): DatabaseHandle;
  drop(): Promise<void>;
}

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** `shared`: SQLite in a temporary file instead of memory, so a second handle sees the same data. */
export async function openTestDatabase(options: { shared?: boolean } = {}): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') {
    const dir = options.shared ? fs.mkdtempSync(path.join(os.tmpdir(), 'community-db-')) : undefined;
    const settings = { kind: 'sqlite' as const, path: dir ? path.join(dir, 'test.sqlite') : ':memory:' };
    const handle = openDatabase(settings);
    await migrateToLatest(handle);
    const others: DatabaseHandle[] = [];
    return {
      handle,
      openAnotherHandle() {
        if (!dir) throw new Error('openTestDatabase({ shared: true }) is needed for a second handle');
        const other = openDatabase(settings);
        others.push(other);
        return other;
      },
      async drop() {
        await Promise.all([handle, ...others].map((h) => h.db.destroy()));
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const handle = openDatabase({ kind: 'postgres', url, schema });
  await migrateToLatest(handle);
  const others: DatabaseHandle[] = [];
  return {
    handle,
    openAnotherHandle() {
      const other = openDatabase({ kind: 'postgres', url, schema });
      others.push(other);
      return other;
    },
    async drop() {
      await Promise.all([handle, ...others].map((h) => h.db.destroy()));
      await adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
