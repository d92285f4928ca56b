/**
 * A cursor-paginated list as the stores keep it (feed, comments of a post, my posts), and the
 * pure steps that change it. Every load takes a ticket; a result carrying a ticket that is no
 * longer current (a refresh started meanwhile, the board changed) is dropped, so a slow page
 * can never land in the wrong list. Only store actions call these functions.
 */
export type LoadMode = 'first' | 'refresh' | 'more';

export interface PagedList<T> {
  items: T[];
  nextCursor: string | null;
  /** A page from the server arrived at least once (a cached copy does not count). */
  loaded: boolean;
  /** The first page or a next page is on its way. */
  loading: boolean;
  /** A pull-down refresh is on its way (items stay on screen meanwhile). */
  refreshing: boolean;
  /** The user-facing message of the last failed load; null after a success. */
  error: string | null;
  /** Epoch milliseconds of the last page received (or of the cache shown). */
  lastUpdated: number | null;
  /** Items come from the warm-start cache and a refresh is expected. */
  fromCache: boolean;
  /** Id of the load whose result is awaited; 0 when none ever started. */
  ticket: number;
}

export function emptyList<T>(): PagedList<T> {
  return {
    items: [],
    nextCursor: null,
    loaded: false,
    loading: false,
    refreshing: false,
    error: null,
    lastUpdated: null,
    fromCache: false,
    ticket: 0,
  };
}

/** Starts a load, or returns null when it makes no sense now (already loading, no more pages). */
export function beginLoad<T>(list: PagedList<T>, mode: LoadMode): number | null {
  if (mode === 'more') {
    if (list.loading || list.refreshing || !list.loaded || list.nextCursor === null) return null;
  } else if (mode === 'first' && (list.loading || list.refreshing)) {
    return null;
  }
  list.ticket += 1;
  list.loading = mode !== 'refresh';
  list.refreshing = mode === 'refresh';
  list.error = null;
  return list.ticket;
}

/**
 * Applies a page. 'more' appends after the existing items (skipping ids already shown); 'first'
 * and 'refresh' replace them. Returns the index of the first new item (for setData by path), or
 * null when the result was stale and ignored.
 */
export function applyPage<T extends { id: number }>(
  list: PagedList<T>,
  ticket: number,
  mode: LoadMode,
  page: { items: T[]; nextCursor: string | null },
  now: number,
): number | null {
  if (ticket !== list.ticket) return null;
  let start = 0;
  if (mode === 'more') {
    start = list.items.length;
    const shown = new Set(list.items.map((item) => item.id));
    for (const item of page.items) if (!shown.has(item.id)) list.items.push(item);
  } else {
    list.items = page.items.slice();
  }
  list.nextCursor = page.nextCursor;
  list.loaded = true;
  list.loading = false;
  list.refreshing = false;
  list.error = null;
  list.lastUpdated = now;
  list.fromCache = false;
  return start;
}

/** Records a failure; existing items stay on screen. Returns false when the load was stale. */
export function failLoad<T>(list: PagedList<T>, ticket: number, message: string): boolean {
  if (ticket !== list.ticket) return false;
  list.loading = false;
  list.refreshing = false;
  list.error = message;
  return true;
}

export function hasMore<T>(list: PagedList<T>): boolean {
  return list.loaded && list.nextCursor !== null;
}

/** Loaded, nothing to show and no error: the page shows its empty state. */
export function isEmpty<T>(list: PagedList<T>): boolean {
  return list.loaded && list.items.length === 0 && list.error === null;
}

/** Replaces the item with the same id; returns false when it is not in the list. */
export function replaceItem<T extends { id: number }>(list: PagedList<T>, item: T): boolean {
  const index = list.items.findIndex((existing) => existing.id === item.id);
  if (index < 0) return false;
  list.items[index] = item;
  return true;
}

/** Removes the item with this id; returns the removed item or null. */
export function removeItem<T extends { id: number }>(list: PagedList<T>, id: number): T | null {
  const index = list.items.findIndex((existing) => existing.id === id);
  if (index < 0) return null;
  const [removed] = list.items.splice(index, 1);
  return removed ?? null;
}
