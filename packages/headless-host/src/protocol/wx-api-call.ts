/**
 * Calling a `wx` API the way automator's `callWxMethod` means it: synchronous APIs return their
 * value; asynchronous ones resolve with what `success` got, or fail with WeChat's errMsg.
 */
import { ProtocolError } from './errors';

type AnyFunction = (...args: unknown[]) => unknown;

/** `getStorageSync`, `createSelectorQuery`, `getMenuButtonBoundingClientRect`, `onX`/`offX`… */
export function isSynchronousApi(method: string): boolean {
  return (
    /Sync$/.test(method) ||
    /^(create|on[A-Z]|off[A-Z])/.test(method) ||
    [
      'canIUse',
      'nextTick',
      'getMenuButtonBoundingClientRect',
      'getLogManager',
      'getRealtimeLogManager',
      'getUpdateManager',
      'getAccountInfoSync',
      'getEnterOptionsSync',
      'getLaunchOptionsSync',
    ].includes(method)
  );
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error !== null && typeof error === 'object' && typeof (error as { errMsg?: unknown }).errMsg === 'string')
    return (error as { errMsg: string }).errMsg;
  return String(error);
}

export async function callWxApi(wx: Record<string, unknown>, method: string, args: unknown[]): Promise<unknown> {
  const fn = wx[method];
  if (typeof fn !== 'function') throw new ProtocolError(`wx.${method} is not a function in this base library`);
  if (isSynchronousApi(method)) return (fn as AnyFunction).apply(wx, args);
  const [first, ...rest] = args;
  const options = first !== null && typeof first === 'object' ? (first as Record<string, unknown>) : {};
  return new Promise((resolve, reject) => {
    try {
      (fn as AnyFunction).call(
        wx,
        { ...options, success: resolve, fail: (error: unknown) => reject(new ProtocolError(errorMessage(error))) },
        ...rest,
      );
    } catch (error: unknown) {
      reject(new ProtocolError(errorMessage(error)));
    }
  });
}
