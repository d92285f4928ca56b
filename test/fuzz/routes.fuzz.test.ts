/**
 * Hostile-input fuzz (reliability property 14): reads the server's own OpenAPI document, sends a
 * bounded, seeded set of malformed requests to every route and method (wrong types, sizes, unicode
 * edge cases with NUL and lone surrogates, invalid JSON, wrong content types, multipart garbage,
 * bad cursors, huge numbers, forged tokens), in-process, and fails on any answer ≥ 500.
 *
 * FUZZ_REQUESTS (default 5000) sets how many; FUZZ_SEED (default 12) which ones. A failure prints
 * the seed and the requests that broke, so the run can be repeated exactly.
 */
import { createHmac } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { createTestApp, type TestApp } from '../support/server/test-app';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 12);
const database = process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Random = ReturnType<typeof random>;

const b64url = (text: string) => Buffer.from(text).toString('base64url');
/** A lone surrogate cannot be percent-encoded; such strings travel as the raw bytes of one. */
const wellFormed = (text: string) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

const hostileStrings = [
  '',
  ' ',
  '   ',
  '\t\n',
  '\u3000',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\ud83d',
  '\ud83d\ude00',
  '𝌆'.repeat(40),
  '\u202e\u200b\ufeff',
  '%ff',
  '%00',
  '%',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '${7*7}',
  '{{7*7}}',
  'null',
  'undefined',
  'NaN',
  '-1',
  '0',
  '2147483648',
  '9223372036854775808',
  '99999999999999999999',
  '1e309',
  '0x10',
  'true',
  '社区运营',
  '社区 运营',
  '公告',
  'é'.normalize('NFD'),
  'a'.repeat(61),
  'a'.repeat(501),
  'a'.repeat(2001),
  'a'.repeat(70_000),
  '中'.repeat(30_000),
  b64url('id:99999999999'),
  b64url('id:-1'),
  b64url('id:2147483648'),
  b64url('2026-01-01T00:00:00.000Z|99999999999'),
  b64url('2026-13-45T99:99:99Z|1'),
  b64url('x|../../'),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'a'.repeat(36),
  'post',
  'comment',
  'spam',
  'remove_content',
  'post_image',
  'avatar',
  'aes',
];
const hostileNumbers = [
  0,
  -1,
  1,
  2,
  3,
  1.5,
  -0,
  2147483647,
  2147483648,
  4294967296,
  9007199254740991,
  9007199254740993,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
];
const hostileOthers: unknown[] = [
  null,
  true,
  false,
  [],
  {},
  [1, 2, 3],
  { $gt: '' },
  { __proto__: { admin: true } },
  [[[[[[[[[[]]]]]]]]]],
  { a: { b: { c: { d: {} } } } },
];

function hostileValue(r: Random): unknown {
  const roll = r.next();
  if (roll < 0.55) return r.pick(hostileStrings);
  if (roll < 0.85) return r.pick(hostileNumbers);
  return r.pick(hostileOthers);
}

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  anyOf?: Schema[];
  items?: Schema;
  minimum?: number;
  maxLength?: number;
}

/** A value that would pass, so that mutations reach deeper than the first validation error. */
function plausible(schema: Schema | undefined, r: Random, ids: number[]): unknown {
  if (!schema) return 'x';
  if (schema.enum) return r.pick(schema.enum);
  if (schema.anyOf) return plausible(r.pick(schema.anyOf), r, ids);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return r.chance(0.7) ? r.pick(ids) : 1;
  if (type === 'boolean') return r.chance(0.5);
  if (type === 'array') return [plausible(schema.items, r, ids)];
  if (type === 'object') return body(schema, r, ids, 0);
  return r.pick(['你好', '今天天气很好', '徒步路线推荐', 'hello world']);
}

function body(schema: Schema, r: Random, ids: number[], hostility: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (r.chance(hostility)) {
      if (!r.chance(0.2)) out[name] = hostileValue(r);
    } else if ((schema.required ?? []).includes(name) || r.chance(0.5)) {
      out[name] = plausible(property, r, ids);
    }
  }
  if (r.chance(0.2)) out[r.pick(['status', 'role', 'author_id', 'openid', '__proto__', 'constructor', 'id'])] = hostileValue(r);
  return out;
}

const invalidJson = [
  '{',
  '{"a":',
  '}',
  'null',
  '[]',
  '"text"',
  '1e999999',
  '{"boardId":1,}',
  '\u0000',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  'ï»¿{}',
  '{"a":1}{"b":2}',
  '['.repeat(5000),
];
const contentTypes = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'image/png',
  '*/*',
  ';;;',
  'application/json',
];

function multipartGarbage(r: Random): { contentType: string; payload: Buffer } {
  const boundary = r.pick(['b', 'x'.repeat(70), '----fuzz', '']);
  const parts = [
    `--${boundary}\r\ncontent-disposition: form-data; name="purpose"\r\n\r\n${r.pick(['post_image', 'avatar', 'x', '\u0000'])}\r\n`,
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${r.pick(['a.png', '../../x', '\u0000.png', '中.gif'])}"\r\ncontent-type: image/png\r\n\r\n`,
    r.pick(['\x89PNG\r\n\x1a\n', 'GIF89a', 'not an image', '\xff\xd8\xff', '']),
    r.chance(0.5) ? `\r\n--${boundary}--\r\n` : '',
  ];
  const payload = Buffer.from(parts.slice(0, 1 + r.int(parts.length)).join(''), 'latin1');
  return {
    contentType: r.chance(0.8)
      ? `multipart/form-data; boundary=${boundary}`
      : r.pick(['multipart/form-data', 'multipart/mixed; boundary=b']),
    payload,
  };
}

function forgedToken(r: Random, valid: string): string {
  const [head, payload] = valid.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString() || '{}') as Record<string, unknown>;
  return r.pick([
    `${b64url('{"alg":"none","typ":"JWT"}')}.${payload}.`,
    `${head}.${b64url(JSON.stringify({ ...claims, role: 'moderator', sub: 1 }))}.${valid.split('.')[2]}`,
    `${head}.${payload}.${createHmac('sha256', 'guessed-secret').update(`${head}.${payload}`).digest('base64url')}`,
    `${head}.${b64url(JSON.stringify({ ...claims, exp: 1 }))}.x`,
    'Bearer',
    'a.b.c',
    '\u0000',
    'x'.repeat(5000),
    valid.slice(0, -3),
  ]);
}

interface Operation {
  method: string;
  path: string;
  params: string[];
  query: Schema | undefined;
  body: Schema | undefined;
  consumes: string[];
}

let t: TestApp;
let operations: Operation[];

beforeAll(async () => {
  // A generous WeChat timeout: a slow machine must not turn the fake's replies into 503s.
  t = await createTestApp({
    TEST_ACCOUNT_ROLE: 'moderator',
    WECHAT_TIMEOUT_MS: '10000',
    LOG_LEVEL: 'error',
    RATE_LIMIT_REPORTS_PER_MINUTE: '100000',
    RATE_LIMIT_UPLOADS_PER_MINUTE: '100000',
    RATE_LIMIT_PASSWORD_ATTEMPTS_PER_MINUTE: '100000',
  });
  const spec = t.app.swagger() as unknown as {
    paths: Record<
      string,
      Record<
        string,
        { parameters?: Array<{ in: string; name: string; schema: Schema }>; requestBody?: { content: Record<string, { schema: Schema }> } }
      >
    >;
  };
  operations = [];
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const parameters = operation.parameters ?? [];
      const queryParameters = parameters.filter((p) => p.in === 'query');
      const content = operation.requestBody?.content ?? {};
      operations.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: queryParameters.length ? { properties: Object.fromEntries(queryParameters.map((p) => [p.name, p.schema])) } : undefined,
        body: Object.values(content)[0]?.schema,
        consumes: Object.keys(content),
      });
    }
  }
  // Routes the document hides: the push endpoint, the image-check URL, the health check.
  const signed = {
    properties: {
      signature: { type: 'string' },
      timestamp: { type: 'string' },
      nonce: { type: 'string' },
      encrypt_type: { type: 'string' },
      msg_signature: { type: 'string' },
      echostr: { type: 'string' },
    },
  };
  operations.push(
    { method: 'GET', path: '/wechat/push', params: [], query: signed, body: undefined, consumes: [] },
    {
      method: 'POST',
      path: '/wechat/push',
      params: [],
      query: signed,
      body: { properties: { Encrypt: { type: 'string' }, Event: { type: 'string' }, trace_id: { type: 'string' } } },
      consumes: ['application/json'],
    },
    { method: 'GET', path: '/media/check/{token}', params: ['token'], query: undefined, body: undefined, consumes: [] },
    { method: 'GET', path: '/health', params: [], query: undefined, body: undefined, consumes: [] },
  );
}, 60_000);
afterAll(() => t?.close());

it(`answers ${REQUESTS} hostile requests over every route without a 5xx (${database})`, async () => {
  const r = random(SEED);
  const started = Date.now();
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let tokens = { member: '', moderator: '', guest: '' };
  const ids = [1, 2, 3];
  async function refreshTokens(round: number) {
    tokens = {
      member: (await t.loginAsMember(`模糊${round}`, `o_fuzz_${round}`)).accessToken,
      moderator: (await t.loginAsTestAccount()).accessToken,
      guest: (await t.loginAsGuest(`o_fuzz_guest_${round}`)).accessToken,
    };
    const posts = (await t.request({ method: 'GET', url: '/posts?limit=5' })).json<{ items: Array<{ id: number }> }>().items;
    ids.splice(3, ids.length, ...posts.map((p) => p.id));
  }

  for (let i = 0; i < REQUESTS; i++) {
    // Some requests delete the account or ban users: fresh sessions now and then keep coverage deep.
    if (i % 500 === 0) await refreshTokens(i / 500);
    const operation = r.pick(operations);
    const hostility = r.pick([0.1, 0.3, 0.7, 1]);
    let url = operation.path;
    for (const name of operation.params) {
      const value = r.chance(0.3) ? String(r.pick(ids)) : String(hostileValue(r));
      url = url.replace(
        `{${name}}`,
        r.chance(0.5) ? encodeURIComponent(wellFormed(value) ? value : 'x') : wellFormed(value) ? value.replace(/[/?#]/g, '') : '%ED%A0%80',
      );
    }
    if (operation.query) {
      const query = body(operation.query, r, ids, hostility);
      const pairs = Object.entries(query).map(([key, value]) => {
        const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
        return `${encodeURIComponent(key)}=${wellFormed(text) ? encodeURIComponent(text) : '%ED%A0%80'}`;
      });
      if (r.chance(0.1)) pairs.push(r.pick(['%ff=1', 'limit=%00', 'cursor=%', 'limit=1&limit=2', 'boardId[]=1', '=', '&&&']));
      if (pairs.length) url += `?${pairs.join('&')}`;
    }

    const request: InjectOptions = { method: operation.method as InjectOptions['method'], url, headers: {} };
    const headers = request.headers as Record<string, string>;
    const who = r.pick(['none', 'guest', 'member', 'member', 'moderator', 'moderator', 'forged']);
    if (who === 'forged') headers.authorization = `Bearer ${forgedToken(r, tokens.member)}`;
    else if (who !== 'none') headers.authorization = `Bearer ${tokens[who as keyof typeof tokens]}`;
    if (r.chance(0.03)) headers.authorization = r.pick(['Basic YTpi', 'Bearer', 'bearer  x', '\u00ff']);

    if (operation.consumes.includes('multipart/form-data')) {
      const garbage = multipartGarbage(r);
      headers['content-type'] = garbage.contentType;
      request.payload = garbage.payload;
    } else if (operation.body || r.chance(0.1)) {
      const roll = r.next();
      if (roll < 0.7) {
        headers['content-type'] = 'application/json';
        request.payload = JSON.stringify(body(operation.body ?? {}, r, ids, hostility));
      } else if (roll < 0.85) {
        headers['content-type'] = 'application/json';
        request.payload = r.pick(invalidJson);
      } else {
        headers['content-type'] = r.pick(contentTypes);
        request.payload = r.chance(0.5) ? JSON.stringify(body(operation.body ?? {}, r, ids, hostility)) : r.pick(hostileStrings);
      }
    }

    let status: number;
    try {
      const response = await t.app.inject(request);
      status = response.statusCode;
      if (status >= 500)
        failures.push(
          `${status} ${request.method} ${url.slice(0, 200)} ${String(request.payload ?? '').slice(0, 200)} → ${response.body.slice(0, 200)}`,
        );
    } catch (error) {
      status = -1;
      failures.push(`threw ${request.method} ${url.slice(0, 200)}: ${(error as Error).message}`);
    }
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  }

  const summary = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  process.stdout.write(
    `\nfuzz (${database}): ${REQUESTS} requests over ${operations.length} operations, seed ${SEED}, ${failures.length} answers ≥ 500, ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${summary}\n`,
  );
  expect(failures.slice(0, 20)).toEqual([]);
}, 600_000);
