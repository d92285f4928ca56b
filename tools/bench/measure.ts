/**
 * Pure helpers for the headless benches (feed.bench.ts): setData payload sizes and the requests
 * on the critical path to first content. No timing here, so they can be unit tested.
 */

/** UTF-8 bytes of a setData payload as JSON (what crosses from logic to render layer). */
export function payloadBytes(data: Record<string, unknown>): number {
  return Buffer.byteLength(JSON.stringify(data) ?? '', 'utf8');
}

export interface SetDataSummary {
  calls: number;
  maxBytes: number;
  avgBytes: number;
  totalBytes: number;
  /** Keys that re-send the whole list (`feed` or `feed.items`), in call order. */
  wholeListKeys: string[];
}

const WHOLE_LIST = new Set(['feed', 'feed.items']);

export function summarizeSetData(calls: Record<string, unknown>[]): SetDataSummary {
  const sizes = calls.map(payloadBytes);
  const totalBytes = sizes.reduce((sum, size) => sum + size, 0);
  return {
    calls: calls.length,
    maxBytes: sizes.length ? Math.max(...sizes) : 0,
    avgBytes: sizes.length ? Math.round(totalBytes / sizes.length) : 0,
    totalBytes,
    wholeListKeys: calls.flatMap((data) => Object.keys(data).filter((key) => WHOLE_LIST.has(key))),
  };
}

/** One event on the way to first content, in the order it happened. */
export type TimelineEvent =
  | { kind: 'start'; id: number; method: string; url: string; atMs: number }
  | { kind: 'end'; id: number; statusCode?: number; atMs: number }
  | { kind: 'render'; atMs: number };

export interface CriticalPathRequest {
  id: number;
  method: string;
  /** Path and query only (origin dropped). */
  path: string;
  /** Whether it completed before the first post title was rendered. */
  completedBeforeRender: boolean;
  startedBeforeRender: boolean;
}

export interface CriticalPath {
  rendered: boolean;
  firstRenderMs: number | null;
  requests: CriticalPathRequest[];
  startedBeforeRender: number;
  completedBeforeRender: number;
  /** Whether GET /posts was sent before POST /auth/wechat completed (the feed did not wait for login). */
  feedSentBeforeLoginDone: boolean | null;
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

export function analyzeCriticalPath(events: TimelineEvent[]): CriticalPath {
  const renderIndex = events.findIndex((event) => event.kind === 'render');
  const before = renderIndex < 0 ? events : events.slice(0, renderIndex);
  const renderEvent = renderIndex < 0 ? undefined : events[renderIndex];
  const endedBefore = new Set(before.flatMap((event) => (event.kind === 'end' ? [event.id] : [])));
  const startedBefore = new Set(before.flatMap((event) => (event.kind === 'start' ? [event.id] : [])));
  const requests: CriticalPathRequest[] = events.flatMap((event) =>
    event.kind === 'start'
      ? [
          {
            id: event.id,
            method: event.method,
            path: pathOf(event.url),
            completedBeforeRender: endedBefore.has(event.id),
            startedBeforeRender: startedBefore.has(event.id),
          },
        ]
      : [],
  );
  const indexOf = (predicate: (event: TimelineEvent) => boolean) => events.findIndex(predicate);
  const feed = requests.find((r) => r.method === 'GET' && /^\/posts(\?|$)/.test(r.path));
  const login = requests.find((r) => r.method === 'POST' && r.path === '/auth/wechat');
  let feedSentBeforeLoginDone: boolean | null = null;
  if (feed) {
    const feedStart = indexOf((e) => e.kind === 'start' && e.id === feed.id);
    const loginEnd = login ? indexOf((e) => e.kind === 'end' && e.id === login.id) : -1;
    feedSentBeforeLoginDone = loginEnd < 0 ? true : feedStart < loginEnd;
  }
  return {
    rendered: renderEvent !== undefined,
    firstRenderMs: renderEvent ? renderEvent.atMs : null,
    requests,
    startedBeforeRender: startedBefore.size,
    completedBeforeRender: endedBefore.size,
    feedSentBeforeLoginDone,
  };
}

export interface FeedBenchResult {
  append: SetDataSummary & { appendedItems: number; feedLength: number; targetBytes: number; imagesPerItem: number; titleChars: number };
  criticalPath: CriticalPath;
  /** A relaunch with the last feed in storage. */
  warmStart: CriticalPath;
}
