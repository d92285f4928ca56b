/**
 * The warm-start feed cache: the first screenful of the public feed, kept in storage so the next
 * launch shows it at once while the first page is requested.
 */
import type { PostSummary } from '../../typings/api';
import { forumStore } from '../stores';
import { PAGE_SIZE } from './forum-endpoints.service';
import { isRecord, readStored, StorageKeys, writeStored } from './storage.service';

/** Kept small: the first screenful is what a warm start needs (storage allows 1 MB per key). */
const CACHED_ITEMS = PAGE_SIZE;

export interface FeedCache {
  items: PostSummary[];
  nextCursor: string | null;
  savedAt: number;
}

function isFeedCache(value: unknown): value is FeedCache {
  return (
    isRecord(value) &&
    Array.isArray(value.items) &&
    value.items.every((item) => isRecord(item) && typeof item.id === 'number' && typeof item.title === 'string') &&
    (value.nextCursor === null || typeof value.nextCursor === 'string') &&
    typeof value.savedAt === 'number'
  );
}

/** The last public feed shown (all boards), or null. */
export function cachedFeed(): FeedCache | null {
  return readStored(StorageKeys.feedCache, isFeedCache);
}

/**
 * Saves the first screenful of the all-boards feed. Only published posts are cached: the cache
 * is public content, not the author's own held posts. Keeps the cursor only when nothing was cut.
 */
export function saveFeedCache(now: number = Date.now()): boolean {
  if (forumStore.feedBoardId !== null || !forumStore.feed.loaded) return false;
  const published = forumStore.feed.items.filter((item) => item.status === 'published');
  const items = published.slice(0, CACHED_ITEMS);
  const cache: FeedCache = {
    items,
    nextCursor: items.length === published.length ? forumStore.feed.nextCursor : null,
    savedAt: now,
  };
  return writeStored(StorageKeys.feedCache, cache);
}
