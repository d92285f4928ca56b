/**
 * The only place that touches wx storage. Values are JSON-compatible objects under versioned
 * keys; whatever comes back is checked by the caller's guard, so a value written by an older
 * version (or damaged) reads as "nothing stored" instead of crashing a launch. Storage failures
 * (quota: 1 MB per key, 10 MB in all) are reported as false, never thrown.
 */
export const StorageKeys = {
  session: 'community.session.v1',
  feedCache: 'community.feed-cache.v1',
} as const;

export type StorageKey = (typeof StorageKeys)[keyof typeof StorageKeys];

export function readStored<T>(key: StorageKey, isValid: (value: unknown) => value is T): T | null {
  try {
    const value: unknown = wx.getStorageSync(key);
    return isValid(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeStored(key: StorageKey, value: object): boolean {
  try {
    wx.setStorageSync(key, value);
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: StorageKey): void {
  try {
    wx.removeStorageSync(key);
  } catch {
    // Nothing to do: a value that cannot be removed is overwritten on the next write.
  }
}

/** Small guards for the stored shapes. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
