/**
 * The one way the mini program talks to the API, over wx.request, wx.uploadFile and wx.downloadFile.
 *
 * - The base URL and timeout come from config.ts; bodies are JSON.
 * - wx.request's `success` fires for every HTTP status, so the status code decides: 2xx is a
 *   result, anything else becomes an ApiRequestError with the server's ApiError code and its
 *   Chinese message (or a mapped one when the server could not answer).
 * - A Bearer token is attached whenever one exists (public reads simply go out without one).
 * - On 401 the session is renewed once: refresh, or silent login when refreshing fails. Concurrent
 *   callers share the same renewal, then each retries once; a second 401 is returned as is.
 *
 * Tokens are not stored here: an injected TokenSource (the auth service) provides and renews them.
 */
import type { ApiError } from '../../typings/api';
import { config } from '../config';
import { createRevalidation } from './revalidation';

/** The methods wx.request supports (it has no PATCH). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: HttpMethod;
  /** Path under the API base URL, e.g. `/posts/12/comments`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: object;
  /** false: never send a token and never renew (the login endpoints themselves). Default true. */
  auth?: boolean;
  timeoutMs?: number;
}

export interface UploadOptions {
  path: string;
  /** Temporary file path from wx.chooseMedia / chooseAvatar. */
  filePath: string;
  /** Multipart field name of the file. */
  name: string;
  /** Sent before the file (the server reads `purpose` first). */
  formData?: Record<string, string>;
  auth?: boolean;
  timeoutMs?: number;
}

export interface DownloadOptions {
  /** Path under the API base URL, e.g. `/moderation/media/abc/content`. */
  path: string;
  timeoutMs?: number;
}

/** Where the transport gets tokens from, and how it asks for new ones after a 401. */
export interface TokenSource {
  /** The current access token, or null to send the request anonymously. */
  accessToken(): string | null;
  /** Exchanges the refresh token for new tokens; rejects when there is none or it is refused. */
  refresh(): Promise<void>;
  /** Silent login (wx.login → POST /auth/wechat); rejects when it fails. */
  login(): Promise<void>;
}

export const NETWORK_MESSAGE = '网络不太稳定，请稍后重试';
export const TIMEOUT_MESSAGE = '请求超时，请稍后重试';
export const SERVER_BUSY_MESSAGE = '服务繁忙，请稍后再试';

/** Messages used when the server did not send an ApiError body (proxy pages, crashes, no network). */
const STATUS_MESSAGES: Record<number, string> = {
  400: '提交的内容格式不正确，请检查后重试',
  401: '登录已过期，请重新进入小程序',
  403: '没有权限进行此操作',
  404: '内容不存在或已被删除',
  409: '操作冲突，请刷新后重试',
  413: '图片太大了，请换一张',
  415: '不支持这种图片格式，请换一张',
  422: '内容未通过安全检测，请修改后再试',
  429: '操作太频繁，请稍后再试',
};

/** Every failure of an API call: HTTP status (0 when no answer), a stable code and a message to show. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    /** HTTP status; 0 for network failures and timeouts. */
    readonly status: number,
    /** The server's ApiError.code, or network_error / timeout / http_<status> / invalid_response. */
    readonly code: string,
    /** Short Chinese text safe to show in a toast. */
    readonly userMessage: string,
    /** English detail for developers (the server's ApiError.detail, or wx's errMsg). */
    readonly detail?: string,
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
  }

  get isNetworkError(): boolean {
    return this.code === 'network_error' || this.code === 'timeout';
  }
}

/**
 * Also true for an ApiRequestError whose prototype chain was lost (some ES5 builds of
 * `class … extends Error` break instanceof), so callers can rely on it.
 */
export function isApiRequestError(error: unknown): error is ApiRequestError {
  return (
    error instanceof ApiRequestError ||
    (error instanceof Error && error.name === 'ApiRequestError' && 'status' in error && 'userMessage' in error)
  );
}

/** What to show for any error a service call rejected with. */
export function userMessageOf(error: unknown, fallback = '操作失败，请稍后重试'): string {
  if (typeof error === 'object' && error !== null && 'userMessage' in error && typeof error.userMessage === 'string') {
    return error.userMessage;
  }
  return fallback;
}

interface RawResponse {
  statusCode: number;
  data: unknown;
  header: Record<string, unknown>;
}

function isApiError(data: unknown): data is ApiError {
  return (
    typeof data === 'object' &&
    data !== null &&
    'code' in data &&
    typeof data.code === 'string' &&
    'message' in data &&
    typeof data.message === 'string'
  );
}

function headerValue(header: Record<string, unknown>, name: string): string | null {
  for (const [key, value] of Object.entries(header)) {
    if (key.toLowerCase() === name && (typeof value === 'string' || typeof value === 'number')) return String(value);
  }
  return null;
}

/** Maps a non-2xx answer to an ApiRequestError (exported for tests and for callers of custom requests). */
export function errorFromResponse(statusCode: number, data: unknown, header: Record<string, unknown> = {}): ApiRequestError {
  const retryAfter = statusCode === 429 ? Number(headerValue(header, 'retry-after')) : Number.NaN;
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null;
  if (isApiError(data) && data.message !== '') {
    return new ApiRequestError(statusCode, data.code, data.message, data.detail, retryAfterSeconds);
  }
  const message = statusCode >= 500 ? SERVER_BUSY_MESSAGE : (STATUS_MESSAGES[statusCode] ?? '请求无法处理，请稍后再试');
  return new ApiRequestError(statusCode, `http_${statusCode}`, message, undefined, retryAfterSeconds);
}

/** Maps a wx `fail` (no HTTP answer at all). */
export function errorFromFailure(errMsg: string | undefined): ApiRequestError {
  const detail = errMsg ?? 'request:fail';
  if (/time\s*out/i.test(detail)) return new ApiRequestError(0, 'timeout', TIMEOUT_MESSAGE, detail);
  return new ApiRequestError(0, 'network_error', NETWORK_MESSAGE, detail);
}

function toResult<T>(response: RawResponse): T {
  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) {
    // wx hands back the raw text when the body is not JSON; only an empty body (204) is fine then.
    if (typeof data === 'string' && data !== '') {
      throw new ApiRequestError(statusCode, 'invalid_response', SERVER_BUSY_MESSAGE, 'response body is not JSON');
    }
    return (data === '' ? undefined : data) as T;
  }
  throw errorFromResponse(statusCode, data, response.header);
}

export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function authHeader(token: string | null): Record<string, string> {
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export interface TransportSettings {
  baseUrl: string;
  timeoutMs: number;
  tokenSource?: TokenSource | null;
}

export interface Transport {
  request<T>(options: RequestOptions): Promise<T>;
  upload<T>(options: UploadOptions): Promise<T>;
  /** GETs a file with the token (e.g. an image only moderators may see); resolves with its temp path. */
  download(options: DownloadOptions): Promise<string>;
  /**
   * Renews the session (refresh, else silent login). Concurrent calls share one renewal.
   * Resolves false when both failed. Also used at launch when the stored access token expired.
   */
  renewSession(): Promise<boolean>;
  setTokenSource(source: TokenSource | null): void;
  readonly baseUrl: string;
}

export function createTransport(settings: TransportSettings): Transport {
  let tokenSource: TokenSource | null = settings.tokenSource ?? null;
  let renewal: Promise<boolean> | null = null;
  const revalidation = createRevalidation();

  function renewSession(): Promise<boolean> {
    const source = tokenSource;
    if (!source) return Promise.resolve(false);
    if (!renewal) {
      const attempt = async (): Promise<boolean> => {
        try {
          await source.refresh();
          return true;
        } catch {
          // The refresh token is missing, expired or replayed: fall back to a new silent login.
        }
        try {
          await source.login();
          return true;
        } catch {
          return false;
        }
      };
      renewal = attempt().finally(() => {
        renewal = null;
      });
    }
    return renewal;
  }

  async function execute<T>(auth: boolean, send: (token: string | null) => Promise<RawResponse>): Promise<T> {
    const source = auth ? tokenSource : null;
    const sentWith = source?.accessToken() ?? null;
    let response = await send(sentWith);
    if (response.statusCode === 401 && source) {
      // Another caller may already have renewed the session since this request left: reuse it.
      const current = source.accessToken();
      const renewed = current !== null && current !== sentWith ? true : await renewSession();
      if (renewed) response = await send(source.accessToken());
    }
    return toResult<T>(response);
  }

  /**
   * A GET the server tagged with an ETag is revalidated next time (revalidation.ts): a 304 is
   * answered with the kept body, as a 200.
   */
  function revalidated(url: string, response: RawResponse): RawResponse {
    if (response.statusCode === 304) {
      const kept = revalidation.reuse(url);
      if (kept !== undefined) return { statusCode: 200, data: kept, header: response.header };
    } else if (response.statusCode >= 200 && response.statusCode < 300) {
      revalidation.remember(url, headerValue(response.header, 'etag'), response.data);
    }
    return response;
  }

  function request<T>(options: RequestOptions): Promise<T> {
    const url = `${settings.baseUrl}${options.path}${buildQuery(options.query)}`;
    const method = options.method ?? 'GET';
    const conditional = method === 'GET';
    return execute<T>(
      options.auth ?? true,
      (token) =>
        new Promise<RawResponse>((resolve, reject) => {
          wx.request({
            url,
            method,
            ...(options.body !== undefined ? { data: options.body as WechatMiniprogram.IAnyObject } : {}),
            header: {
              ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
              ...(conditional ? revalidation.conditionalHeader(url) : {}),
              ...authHeader(token),
            },
            dataType: 'json',
            timeout: options.timeoutMs ?? settings.timeoutMs,
            success: (res) => {
              const response = { statusCode: res.statusCode, data: res.data, header: res.header ?? {} };
              resolve(conditional ? revalidated(url, response) : response);
            },
            fail: (err) => reject(errorFromFailure(err.errMsg)),
          });
        }),
    );
  }

  function upload<T>(options: UploadOptions): Promise<T> {
    const url = `${settings.baseUrl}${options.path}`;
    return execute<T>(
      options.auth ?? true,
      (token) =>
        new Promise<RawResponse>((resolve, reject) => {
          wx.uploadFile({
            url,
            filePath: options.filePath,
            name: options.name,
            formData: options.formData ?? {},
            header: authHeader(token),
            timeout: options.timeoutMs ?? settings.timeoutMs,
            success: (res) => {
              // uploadFile hands back text: parse it like wx.request would have.
              let data: unknown = res.data;
              if (typeof res.data === 'string' && res.data !== '') {
                try {
                  data = JSON.parse(res.data);
                } catch {
                  data = res.data;
                }
              }
              resolve({ statusCode: res.statusCode, data, header: {} });
            },
            fail: (err) => reject(errorFromFailure(err.errMsg)),
          });
        }),
    );
  }

  async function download(options: DownloadOptions): Promise<string> {
    const url = `${settings.baseUrl}${options.path}`;
    const result = await execute<{ tempFilePath: string }>(
      true,
      (token) =>
        new Promise<RawResponse>((resolve, reject) => {
          wx.downloadFile({
            url,
            header: authHeader(token),
            timeout: options.timeoutMs ?? settings.timeoutMs,
            // downloadFile succeeds for every status too; only a 2xx body is the file asked for.
            success: (res) =>
              resolve({
                statusCode: res.statusCode,
                data: res.statusCode >= 200 && res.statusCode < 300 ? { tempFilePath: res.tempFilePath } : {},
                header: {},
              }),
            fail: (err) => reject(errorFromFailure(err.errMsg)),
          });
        }),
    );
    return result.tempFilePath;
  }

  return {
    request,
    upload,
    download,
    renewSession,
    setTokenSource(source) {
      tokenSource = source;
    },
    baseUrl: settings.baseUrl,
  };
}

/** The app's transport: anonymous until app.ts plugs in the auth service's TokenSource at launch. */
export const transport = createTransport({ baseUrl: config.apiBaseUrl, timeoutMs: config.requestTimeoutMs });
