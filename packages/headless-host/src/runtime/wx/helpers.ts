/** Small helpers every wx domain uses: reading loose option objects, and WeChat-shaped failures. */
import type { WxError, WxOptions } from './types';

export function isRecord(value: unknown): value is WxOptions {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** The options object an API was called with, or `{}`. */
export function optionsOf(raw: unknown): WxOptions {
  return isRecord(raw) ? raw : {};
}

export function callback(options: WxOptions, name: 'success' | 'fail' | 'complete'): ((result: unknown) => void) | undefined {
  const fn = options[name];
  return typeof fn === 'function' ? (result: unknown) => (fn as (r: unknown) => void)(result) : undefined;
}

export const fail = (errMsg: string, errno?: number): WxError => (errno === undefined ? { errMsg } : { errMsg, errno });

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
