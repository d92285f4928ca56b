/**
 * The last body and ETag of recent GET responses, per URL, for the life of the app process: a
 * repeat GET sends If-None-Match, and a 304 is answered from here. The server tags public pages
 * that are read again and again (the feed's first page); a 304 costs no body and no JSON parse.
 * Kept small (the few lists a session returns to); never persisted, so nothing outlives a launch.
 */
const MAX_ENTRIES = 16;

interface Tagged {
  etag: string;
  data: unknown;
}

export interface Revalidation {
  /** The If-None-Match header for a GET of this URL, if a tagged body is kept. */
  conditionalHeader(url: string): Record<string, string>;
  /** Keeps a 200's body when it came with an ETag (drops the old one when it did not). */
  remember(url: string, etag: string | null, data: unknown): void;
  /** The kept body for a 304, or undefined when none is kept (then the 304 is not usable). */
  reuse(url: string): unknown;
}

export function createRevalidation(maxEntries = MAX_ENTRIES): Revalidation {
  const entries = new Map<string, Tagged>();
  return {
    conditionalHeader(url): Record<string, string> {
      const entry = entries.get(url);
      return entry ? { 'If-None-Match': entry.etag } : {};
    },
    remember(url, etag, data) {
      entries.delete(url);
      if (!etag) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(url, { etag, data });
    },
    reuse(url) {
      const entry = entries.get(url);
      if (!entry) return undefined;
      entries.delete(url);
      entries.set(url, entry);
      return entry.data;
    },
  };
}
