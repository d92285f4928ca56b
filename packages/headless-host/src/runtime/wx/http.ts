/** HTTP for the bridged wx: one exchange over node:http(s), independent of the DOM environment's fetch. */
import http from 'node:http';
import https from 'node:https';
import { isRecord } from './helpers';

export function toQuery(data: unknown): string {
  if (!isRecord(data)) return '';
  return Object.entries(data)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

export interface HttpResult {
  statusCode: number;
  header: Record<string, string>;
  body: Buffer;
}

export function httpExchange(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
  timeoutMs: number,
  onAbort: (abort: () => void) => void,
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers });
    const timer = setTimeout(() => request.destroy(new Error('timeout')), timeoutMs);
    onAbort(() => request.destroy(new Error('abort')));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        const header: Record<string, string> = {};
        for (const [key, value] of Object.entries(response.headers)) {
          if (value !== undefined) header[key] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ statusCode: response.statusCode ?? 0, header, body: Buffer.concat(chunks) });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(body);
  });
}
