/**
 * Load generation for the server bench, on loopback only: autocannon runs (throughput and
 * latency percentiles, optionally at a fixed rate) and a sequential sampler for sub-millisecond
 * medians, which autocannon's whole-millisecond histogram cannot resolve.
 */
import http from 'node:http';
import autocannon, { type Request } from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Path of each request (varied per request, e.g. a random post id). */
  path: () => string;
  method?: 'GET' | 'POST';
  headers?: () => Record<string, string>;
  body?: () => string;
  /** Requests per second over all connections; flat out when omitted. */
  overallRate?: number;
}

function assertLoopback(url: string): void {
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`the bench only targets 127.0.0.1, not ${url}`);
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  assertLoopback(options.url);
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        setupRequest: (request: Request) => ({
          ...request,
          method: options.method ?? 'GET',
          path: options.path(),
          ...(options.headers ? { headers: { ...request.headers, ...options.headers() } } : {}),
          ...(options.body ? { body: options.body() } : {}),
        }),
      },
    ],
  });
  // Completed responses over the run's length: autocannon's per-second samples miss a short run's tail.
  return {
    rps: (result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx']) / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  assertLoopback(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...options.headers },
        agent,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Median and p99 (ms, fractional) of `count` one-at-a-time requests after `warmup` unmeasured ones. */
export async function sampleSequential(
  url: string,
  headers: Record<string, string>,
  count: number,
  warmup: number,
): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < warmup + count; i += 1) {
    const started = performance.now();
    const response = await request(url, { headers });
    const took = performance.now() - started;
    if (response.status !== 200) throw new Error(`${url}: ${response.status} ${response.body.slice(0, 200)}`);
    if (i >= warmup) times.push(took);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p99: at(0.99) };
}
