/** Runs the migrations (code, not files on disk, so they work the same under tsx, jest and a bundle). */
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseHandle } from './database';
import { initialMigration } from './migrations/0001-initial';
import { mediaAndModerationMigration } from './migrations/0002-media-and-moderation';
import { moderationIndexesMigration } from './migrations/0003-moderation-indexes';
import { readPathMigration } from './migrations/0004-read-path';
import { staffOnlyBoardsMigration } from './migrations/0005-staff-only-boards';
import { stuckChecksMigration } from './migrations/0006-stuck-checks';
import { contentVersionMigration } from './migrations/0050-content-version';
import { consoleAccountsMigration } from './migrations/0030-console-accounts';
import { banListMigration } from './migrations/0020-ban-list';

function migrationsFor(handle: DatabaseHandle): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(handle.dialect),
    '0002-media-and-moderation': mediaAndModerationMigration(handle.dialect),
    '0003-moderation-indexes': moderationIndexesMigration(),
    '0004-read-path': readPathMigration(),
    '0005-staff-only-boards': staffOnlyBoardsMigration(),
    '0006-stuck-checks': stuckChecksMigration(),
    '0050-content-version': contentVersionMigration(handle.dialect),
    '0030-console-accounts': consoleAccountsMigration(),
    '0020-ban-list': banListMigration(),
  };
}

export async function migrateToLatest(handle: DatabaseHandle): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(handle) };
  // Kysely looks for its own migration tables in every schema unless told which one: with test
  // schemas side by side it would find another file's tables, skip creating its own, and fail.
  const { error } = await new Migrator({
    db: handle.db,
    provider,
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${String(error)}`);
}
