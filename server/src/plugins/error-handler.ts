/**
 * Turns every error into the contract's ApiError shape: a Chinese message for the user, an
 * English code and detail for developers. Unexpected errors are logged once and never leak
 * their internals to the client.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { NOT_BLANK, type ApiError } from '@wx-community-starter/contract';
import { AppError } from '../lib/app-error';

/** What a user calls each field that must not be only whitespace (the contract's NOT_BLANK). */
const BLANK_FIELD_NAMES: Record<string, string> = { title: '标题', body: '内容', nickname: '昵称' };

export default fp(async function errorHandler(app: FastifyInstance, options: { exposeDetail?: boolean } = {}) {
  // Production answers carry code and message only: detail text describes internals.
  const exposeDetail = options.exposeDetail ?? true;
  app.addHook('preSerialization', async (_request, reply, payload) => {
    if (exposeDetail || reply.statusCode < 400 || payload === null || typeof payload !== 'object' || !('detail' in payload)) return payload;
    const { detail: _detail, ...rest } = payload as Record<string, unknown>;
    return rest;
  });
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.warn({ code: error.code, detail: error.detail }, 'request failed');
      const body: ApiError = { code: error.code, message: error.userMessage, ...(error.detail ? { detail: error.detail } : {}) };
      return reply.status(error.statusCode).send(body);
    }
    if (error.validation) {
      const blank = error.validation.find((issue) => issue.keyword === 'pattern' && issue.params.pattern === NOT_BLANK);
      if (blank) {
        const field = blank.instancePath.split('/').pop() ?? '';
        return reply.status(400).send({
          code: 'blank_text',
          message: `${BLANK_FIELD_NAMES[field] ?? '内容'}不能为空，请输入文字`,
          detail: `${blank.instancePath} is only whitespace`,
        });
      }
      return reply.status(400).send({ code: 'invalid_request', message: '提交的内容格式不正确，请检查后重试', detail: error.message });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ code: 'rate_limited', message: '操作太频繁，请稍后再试', detail: error.message });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .status(error.statusCode)
        .send({ code: error.code ?? 'bad_request', message: '请求无法处理，请稍后再试', detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal_error', message: '服务出了点问题，请稍后再试' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .send({ code: 'route_not_found', message: '页面不存在', detail: `${request.method} ${request.url} is not an API route` }),
  );
});
