/**
 * Network and login: request, uploadFile and downloadFile over real HTTP (success for every status,
 * fail only on network errors, as WeChat; a download's body becomes a temp file readable by path), with origins rewritten to the server under test; wx.login asks
 * the configured login-code source for a code for the current openid; checkSession passes once
 * a login happened.
 */
import { randomBytes } from 'node:crypto';
import { fail, isRecord, messageOf, optionsOf, str } from './helpers';
import { httpExchange, toQuery } from './http';
import type { SettleApi } from './settle-tracking';
import type { ApiTable, LoginCodeSource, TempFile, WxFake, WxFakeOptions } from './types';

const MIME: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  mp4: 'video/mp4',
};

export interface NetworkDeps {
  settleApi: SettleApi;
  options(): WxFakeOptions;
  openid(): string;
  readFile(filePath: string): TempFile;
  registerTempFile(file: TempFile, ext?: string): string;
}

function rewrite(options: WxFakeOptions, url: string): string {
  for (const [from, to] of Object.entries(options.rewriteOrigins ?? {})) {
    if (url === from || url.startsWith(`${from}/`) || url.startsWith(`${from}?`)) return to.replace(/\/$/, '') + url.slice(from.length);
  }
  return url;
}

function lowerCaseHeaders(header: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(isRecord(header) ? header : {})) out[k.toLowerCase()] = String(v);
  return out;
}

/** The generic login-code source: `POST url {openid}` answering 200 `{code}`. */
export function loginCodeFromUrl(url: string): LoginCodeSource {
  return async (openid) => {
    const result = await httpExchange(
      'POST',
      url,
      { 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ openid })),
      5000,
      () => undefined,
    );
    const parsed: unknown = JSON.parse(result.body.toString('utf8'));
    if (result.statusCode !== 200 || !isRecord(parsed) || typeof parsed.code !== 'string')
      throw fail(`login:fail the login-code source answered ${result.statusCode}`);
    return parsed.code;
  };
}

export function createNetwork(deps: NetworkDeps): { requests: WxFake['requests']; apis: ApiTable } {
  const { settleApi, options } = deps;
  const requests: WxFake['requests'] = [];
  let loggedIn = false;

  const apis: ApiTable = {
    request(raw) {
      const opts = optionsOf(raw);
      const method = str(opts.method, 'GET').toUpperCase();
      const header = lowerCaseHeaders(opts.header);
      header['content-type'] ??= 'application/json';
      let url = rewrite(options(), str(opts.url));
      let body: Buffer | undefined;
      const data = opts.data;
      if (method === 'GET' || method === 'HEAD') {
        const query = typeof data === 'string' ? data : toQuery(data);
        if (query) url += (url.includes('?') ? '&' : '?') + query;
      } else if (data !== undefined) {
        if (typeof data === 'string') body = Buffer.from(data);
        else if (data instanceof ArrayBuffer) body = Buffer.from(data);
        else if (header['content-type'].includes('x-www-form-urlencoded')) body = Buffer.from(toQuery(data));
        else body = Buffer.from(JSON.stringify(data));
      }
      const record: WxFake['requests'][number] = { method, url };
      requests.push(record);
      let abort: () => void = () => undefined;
      let aborted = false;
      settleApi('request', { success: opts.success, fail: opts.fail, complete: opts.complete }, async () => {
        try {
          const result = await httpExchange(method, url, header, body, typeof opts.timeout === 'number' ? opts.timeout : 60_000, (a) => {
            abort = a;
            if (aborted) a();
          });
          record.statusCode = result.statusCode;
          let responseData: unknown;
          if (opts.responseType === 'arraybuffer') {
            responseData = result.body.buffer.slice(result.body.byteOffset, result.body.byteOffset + result.body.byteLength);
          } else {
            responseData = result.body.toString('utf8');
            if (str(opts.dataType, 'json') === 'json') {
              try {
                responseData = JSON.parse(responseData as string);
              } catch {
                // WeChat hands back the text when it is not JSON
              }
            }
          }
          return { data: responseData, statusCode: result.statusCode, header: result.header, cookies: [] };
        } catch (error: unknown) {
          const message = messageOf(error);
          record.error = message;
          throw fail(`request:fail ${message}`);
        }
      });
      return {
        abort() {
          aborted = true;
          abort();
        },
        onHeadersReceived() {},
        offHeadersReceived() {},
      };
    },

    uploadFile(raw) {
      const opts = optionsOf(raw);
      const url = rewrite(options(), str(opts.url));
      requests.push({ method: 'UPLOAD', url });
      let abort: () => void = () => undefined;
      settleApi('uploadFile', { success: opts.success, fail: opts.fail, complete: opts.complete }, async () => {
        const filePath = str(opts.filePath);
        let file: TempFile;
        try {
          file = deps.readFile(filePath);
        } catch (error: unknown) {
          throw fail(`uploadFile:fail ${messageOf(error)}`);
        }
        const boundary = `----wxfake${randomBytes(8).toString('hex')}`;
        const parts: Buffer[] = [];
        for (const [k, v] of Object.entries(isRecord(opts.formData) ? opts.formData : {})) {
          parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${String(v)}\r\n`));
        }
        const fileName = filePath.split('/').pop() ?? 'file';
        const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
        parts.push(
          Buffer.from(
            `--${boundary}\r\ncontent-disposition: form-data; name="${str(opts.name, 'file')}"; filename="${fileName}"\r\ncontent-type: ${file.contentType ?? MIME[ext] ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          file.data,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        );
        const header = lowerCaseHeaders(opts.header);
        header['content-type'] = `multipart/form-data; boundary=${boundary}`;
        try {
          const result = await httpExchange(
            'POST',
            url,
            header,
            Buffer.concat(parts),
            typeof opts.timeout === 'number' ? opts.timeout : 60_000,
            (a) => {
              abort = a;
            },
          );
          return { data: result.body.toString('utf8'), statusCode: result.statusCode, header: result.header };
        } catch (error: unknown) {
          throw fail(`uploadFile:fail ${messageOf(error)}`);
        }
      });
      return { abort: () => abort(), onProgressUpdate() {}, offProgressUpdate() {} };
    },

    downloadFile(raw) {
      const opts = optionsOf(raw);
      const url = rewrite(options(), str(opts.url));
      const record: WxFake['requests'][number] = { method: 'DOWNLOAD', url };
      requests.push(record);
      let abort: () => void = () => undefined;
      settleApi('downloadFile', { success: opts.success, fail: opts.fail, complete: opts.complete }, async () => {
        try {
          const result = await httpExchange(
            'GET',
            url,
            lowerCaseHeaders(opts.header),
            undefined,
            typeof opts.timeout === 'number' ? opts.timeout : 60_000,
            (a) => {
              abort = a;
            },
          );
          record.statusCode = result.statusCode;
          // As WeChat: any status succeeds, and the body (an error page too) is saved as a temp file.
          const contentType = result.header['content-type'] ?? '';
          const ext = Object.entries(MIME).find(([, mime]) => contentType.startsWith(mime))?.[0] ?? 'bin';
          const tempFilePath = deps.registerTempFile({ data: result.body, contentType: contentType || undefined }, ext);
          return { tempFilePath, statusCode: result.statusCode, header: result.header };
        } catch (error: unknown) {
          record.error = messageOf(error);
          throw fail(`downloadFile:fail ${messageOf(error)}`);
        }
      });
      return { abort: () => abort(), onProgressUpdate() {}, offProgressUpdate() {} };
    },

    login(raw) {
      return settleApi('login', optionsOf(raw), async () => {
        const { loginCode, loginCodeUrl } = options();
        const source = loginCode ?? (loginCodeUrl ? loginCodeFromUrl(loginCodeUrl) : undefined);
        if (!source) throw fail('login:fail the wx fake has no login-code source (loginCode or loginCodeUrl)');
        const code = await source(deps.openid());
        loggedIn = true;
        return { code };
      });
    },
    checkSession(raw) {
      return settleApi('checkSession', optionsOf(raw), async () => {
        if (!loggedIn) throw fail('checkSession:fail session time out, need relogin');
        return {};
      });
    },
  };
  return { requests, apis };
}
