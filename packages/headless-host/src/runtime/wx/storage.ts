/** Storage: Map-backed, with a JSON round trip on write as WeChat serializes values. */
import { fail, optionsOf, str } from './helpers';
import type { SettleApi } from './settle-tracking';
import type { ApiTable } from './types';

/** `surface`: the fake's whole API table, so setStorage goes through a replaced setStorageSync. */
export function createStorage(settleApi: SettleApi, surface: ApiTable): { storage: Map<string, unknown>; apis: ApiTable } {
  const storage = new Map<string, unknown>();
  const apis: ApiTable = {
    setStorageSync(key, value) {
      storage.set(String(key), value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    },
    getStorageSync(key) {
      return storage.has(String(key)) ? storage.get(String(key)) : '';
    },
    removeStorageSync(key) {
      storage.delete(String(key));
    },
    clearStorageSync() {
      storage.clear();
    },
    getStorageInfoSync() {
      const bytes = [...storage.entries()].reduce((sum, [k, v]) => sum + k.length + JSON.stringify(v ?? '').length, 0);
      return { keys: [...storage.keys()], currentSize: Math.ceil(bytes / 1024), limitSize: 10240 };
    },
    setStorage(raw) {
      const opts = optionsOf(raw);
      return settleApi('setStorage', opts, async () => {
        surface.setStorageSync?.(opts.key, opts.data);
        return {};
      });
    },
    getStorage(raw) {
      const opts = optionsOf(raw);
      return settleApi('getStorage', opts, async () => {
        if (!storage.has(str(opts.key))) throw fail('getStorage:fail data not found');
        return { data: storage.get(str(opts.key)) };
      });
    },
    removeStorage(raw) {
      const opts = optionsOf(raw);
      return settleApi('removeStorage', opts, async () => {
        storage.delete(str(opts.key));
        return {};
      });
    },
    clearStorage(raw) {
      return settleApi('clearStorage', optionsOf(raw), async () => {
        storage.clear();
        return {};
      });
    },
  };
  return { storage, apis };
}
