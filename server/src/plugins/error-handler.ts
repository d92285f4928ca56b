/**
 * Turns every error into the contract's ApiError shape: a Chinese message for the user, an
 * English code and detail for developers. Unexpected errors are logged once and never leak
 * their internals to the client.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiError } from '@wx-community-starter/contract';
import { AppError } from '../lib/app-error';

export default fp(async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.statusCode >= 500) request.log.warn({ code: error.code, detail: error.detail }, 'request failed');
      const body: ApiError = { code: error.code, message: error.userMessage, ...(error.detail ? { detail: error.detail } : {}) };
      return reply.status(error.statusCode).send(body);
    }
    if (error.validation) {
      return reply.status(400).send({ code: 'invalid_request', message: '提交的内容格式不正确，请检查后重试', detail: error.message });
    }
    if (error.statusCode === 429) {
      return reply.status(429).send({ code: 'rate_limited', message: '操作太频繁，请稍后再试', detail: error.message });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ code: error.code ?? 'bad_request', message: '请求无法处理，请稍后再试', detail: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal_error', message: '服务出了点问题，请稍后再试' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'route_not_found', message: '页面不存在', detail: `${request.method} ${request.url} is not an API route` }),
  );
});
