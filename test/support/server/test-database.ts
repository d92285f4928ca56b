/**
 * A fresh, migrated database per test file: in-memory SQLite by default, or a new schema in the
 * PostgreSQL at TEST_DATABASE_URL when the jest project asks for it (TEST_DB=postgres).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../../server/src/db/database';
import { migrateToLatest } from '../../../server/src/db/migrate';

export interface TestDatabase {
  handle: DatabaseHandle;
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

export async function openTestDatabase(): Promise<TestDatabase> {
  if (testDialect() === 'sqlite') {
    const handle = openDatabase({ kind: 'sqlite', path: ':memory:' });
    await migrateToLatest(handle);
    return { handle, drop: () => handle.db.destroy() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `CREATE SCHEMA ${schema}`);
  const handle = openDatabase({ kind: 'postgres', url, schema });
  await migrateToLatest(handle);
  return {
    handle,
    async drop() {
      await handle.db.destroy();
      await adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
    },
  };
}
