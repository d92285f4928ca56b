/**
 * A small in-process cache of public first pages (the feed every guest opens), valid while the
 * database's content version has not moved (content-state/content-version.ts). The version is read
 * before the page is built, so a page is never kept under a version newer than its content; and
 * since the version lives in the database, a change made by any instance invalidates every
 * instance's copy. The ETag hashes the page, so it is the same on every instance and across
 * restarts, and a client's If-None-Match costs a 304.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { readContentVersion } from '../content-state';

export interface CachedPage<Page> {
  page: Page;
  etag: string;
}

export function createPublicPageCache(db: Db, maxEntries = 64) {
  const entries = new Map<string, CachedPage<unknown> & { version: string }>();
  return {
    async get<Page>(key: string, build: () => Promise<Page>): Promise<CachedPage<Page>> {
      const version = await readContentVersion(db);
      const hit = entries.get(key);
      if (hit && hit.version === version) return hit as CachedPage<Page>;
      const page = await build();
      const entry = { page, etag: `"${createHash('sha1').update(JSON.stringify(page)).digest('base64url')}"`, version };
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, entry);
      return entry;
    },
  };
}
