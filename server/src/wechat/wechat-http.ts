/**
 * The one place that talks HTTP to WeChat's server-side APIs. It turns every way a call can go
 * wrong into the two errors callers handle (types.ts): WeChatApiError for an errcode the caller
 * must act on, WeChatUnavailableError for "no answer now, try later". URLs are never put into
 * errors or logs because they carry the app secret or an access token.
 */
import { WeChatApiError, WeChatUnavailableError } from './types';

/** Enough of pino (or Fastify's logger) for this module; structured object first, message second. */
export interface WeChatLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type WeChatBody = Readonly<Record<string, unknown>>;

export interface WeChatRequest {
  /** WeChat's API name, used in errors and logs instead of the URL. */
  api: string;
  url: string;
  method: 'GET' | 'POST';
  json?: unknown;
  timeoutMs: number;
}

/**
 * Performs the call and returns the parsed body of a successful answer. WeChat answers HTTP 200
 * for errors too, and often omits `errcode` on success, so a missing errcode counts as 0.
 */
export async function callWeChat(request: WeChatRequest): Promise<WeChatBody> {
  const { api } = request;
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.json === undefined ? undefined : { 'content-type': 'application/json' },
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    throw new WeChatUnavailableError(api, describeFetchFailure(error, request.timeoutMs));
  }

  if (!response.ok) {
    // Free the connection; the body of a failed gateway answer is of no use to anyone.
    await response.body?.cancel().catch(() => undefined);
    throw new WeChatUnavailableError(api, `HTTP ${response.status}`);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    // A timeout can also fire while the body is still streaming in.
    throw new WeChatUnavailableError(api, isTimeout(error) ? `timeout after ${request.timeoutMs} ms` : 'answer is not JSON');
  }
  if (!isRecord(body)) throw new WeChatUnavailableError(api, 'answer is not a JSON object');

  const errcode = body.errcode === undefined ? 0 : body.errcode;
  if (errcode === 0) return body;
  const errmsg = typeof body.errmsg === 'string' ? body.errmsg : '';
  if (errcode === -1) throw new WeChatUnavailableError(api, `busy (errcode -1${errmsg ? `: ${errmsg}` : ''})`);
  if (typeof errcode !== 'number') throw new WeChatUnavailableError(api, 'answer has a non-numeric errcode');
  throw new WeChatApiError(api, errcode, errmsg);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** Only the error's kind and code: undici's messages are safe today, but we don't bet the secret on it. */
function describeFetchFailure(error: unknown, timeoutMs: number): string {
  if (isTimeout(error)) return `timeout after ${timeoutMs} ms`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = isRecord(cause) && typeof cause.code === 'string' ? cause.code : undefined;
  return code ? `network error (${code})` : 'network error';
}

/** `base` may come from configuration with or without a trailing slash. */
export function weChatUrl(base: string, path: string, query?: Record<string, string>): string {
  const url = `${base.replace(/\/+$/, '')}${path}`;
  return query ? `${url}?${new URLSearchParams(query).toString()}` : url;
}
