/** `a.b[0].c` paths, as automator's `page.data('a.b[0]')` and setData keys use them. */
export function valueAtPath(data: unknown, path: string | undefined): unknown {
  if (!path) return data;
  let current: unknown = data;
  for (const key of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** What crosses the WebSocket: plain JSON (MobX proxies, functions and undefined dropped). */
export function toWire(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
}
