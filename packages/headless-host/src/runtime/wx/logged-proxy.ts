/**
 * The object installed as global `wx`: every API access is logged as a call; APIs the fake does
 * not implement fall back to simulate's canned stubs (logged as `unfaked:name`); assigning an API
 * (mockWxMethod-style) replaces it and keeps it logged.
 */
import type { ApiTable, WxCall } from './types';

export interface LoggedProxy {
  wx: Record<string, unknown>;
  adoptFallback(stubs: Record<string, unknown>): void;
}

export function createLoggedProxy(api: ApiTable, calls: WxCall[]): LoggedProxy {
  let fallback: Record<string, unknown> = {};
  const logged = new Map<string, unknown>();
  const wx = new Proxy<Record<string, unknown>>(
    {},
    {
      get(_target, property) {
        if (typeof property !== 'string') return undefined;
        const cached = logged.get(property);
        if (cached) return cached;
        const own = api[property];
        const stub = fallback[property];
        if (typeof own !== 'function' && typeof stub !== 'function') return own ?? stub;
        const name = typeof own === 'function' ? property : `unfaked:${property}`;
        const wrapped = (...args: unknown[]): unknown => {
          calls.push({ name, args });
          return typeof own === 'function' ? own(...args) : (stub as (...a: unknown[]) => unknown)(...args);
        };
        logged.set(property, wrapped);
        return wrapped;
      },
      has(_target, property) {
        return typeof property === 'string' && (property in api || property in fallback);
      },
      set(_target, property, value) {
        // Tests may replace an API (mockWxMethod-style): keep it logged.
        if (typeof property !== 'string') return false;
        api[property] = value as (...args: unknown[]) => unknown;
        logged.delete(property);
        return true;
      },
    },
  );
  return {
    wx,
    adoptFallback(stubs) {
      fallback = stubs;
      logged.clear();
    },
  };
}
