/**
 * Refuses text no database stores faithfully: NUL (PostgreSQL rejects it outright, SQLite keeps
 * it) and lone UTF-16 surrogates (PostgreSQL would store U+FFFD, so what was checked is not
 * what is kept). Every string a client sends (JSON body, query, path) is looked at once, before
 * validation, so each field, present or future, behaves the same on both databases.
 *
 * After validation it also refuses numbers that are not finite: Ajv coerces "1e309" (and JSON
 * parses 1e309) to Infinity, which passes `integer`, `minimum` and `maximum`, and PostgreSQL
 * then fails on it.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/app-error';

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the string holds NUL or a surrogate without its pair. */
export function isUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

function findUnstorable(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return isUnstorableText(value);
  if (depth > 16 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => findUnstorable(item, depth + 1));
  return Object.entries(value).some(([key, item]) => isUnstorableText(key) || findUnstorable(item, depth + 1));
}

function findNonFinite(value: unknown, depth = 0): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (depth > 16 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.values(value).some((item) => findNonFinite(item, depth + 1));
}

export const unstorableText = () =>
  new AppError(400, 'invalid_text', '内容包含无法识别的字符，请删除后重试', 'text contains NUL or an unpaired UTF-16 surrogate');

export default fp(async function textGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (findUnstorable(request.params) || findUnstorable(request.query) || (!Buffer.isBuffer(request.body) && findUnstorable(request.body)))
      throw unstorableText();
  });
  app.addHook('preHandler', async (request) => {
    if (findNonFinite(request.params) || findNonFinite(request.query) || findNonFinite(request.body)) {
      throw new AppError(400, 'invalid_request', '提交的内容格式不正确，请检查后重试', 'a number is out of range');
    }
  });
});
