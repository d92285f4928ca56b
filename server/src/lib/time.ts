/** Timestamps are stored as ISO-8601 UTC text so both databases sort and compare them the same way. */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}

export function isoAfter(ms: number, now: Date = new Date()): string {
  return new Date(now.getTime() + ms).toISOString();
}
