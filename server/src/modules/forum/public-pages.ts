/**
 * A small in-process cache of public first pages (the feed everyone opens), valid while the
 * content version has not moved (content-state bumps it on every state change, the app again
 * after each writing request or job). A page is kept under the version read before it was built,
 * so one built while content changed is never served afterwards. The ETag is a hash of the page,
 * the same on every instance and across restarts, so a client's If-None-Match costs a 304.
 */
import { createHash } from 'node:crypto';
import { contentVersion } from '../content-state';

export interface CachedPage<Page> {
  page: Page;
  etag: string;
}

export function createPublicPageCache(maxEntries = 64) {
  const entries = new Map<string, CachedPage<unknown> & { version: number }>();
  return {
    async get<Page>(key: string, build: () => Promise<Page>): Promise<CachedPage<Page>> {
      const version = contentVersion();
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
