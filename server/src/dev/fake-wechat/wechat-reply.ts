/**
 * Answers shaped like WeChat's: HTTP 200 even for errors, `errmsg` ending in a request id, and
 * helpers to read the loosely typed query and JSON bodies WeChat accepts.
 */
import { randomBytes } from 'node:crypto';

export interface WeChatErrorBody {
  errcode: number;
  errmsg: string;
}

export function wechatError(errcode: number, errmsg: string): WeChatErrorBody {
  return { errcode, errmsg: `${errmsg} rid: ${randomId()}` };
}

/** The `xxxxxxxx-xxxxxxxx-xxxxxxxx` shape WeChat uses for rid and trace_id. */
export function randomId(): string {
  return [0, 1, 2].map(() => randomBytes(4).toString('hex')).join('-');
}

export function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return isRecord(value) ? value : {};
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
