/**
 * Load shedding: while the event loop lags more than MAX_EVENT_LOOP_DELAY_MS, new requests are
 * answered 503 + Retry-After at once (@fastify/under-pressure) instead of queueing until every
 * client times out; the load balancer retries elsewhere. One warning per episode, not per request.
 */
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiError } from '@wx-community-starter/contract';

export const RETRY_AFTER_SECONDS = 5;

export default fp(async function loadShedding(app: FastifyInstance, options: { maxEventLoopDelayMs: number; sampleIntervalMs: number }) {
  if (options.maxEventLoopDelayMs === 0) return;
  let lastWarning = 0;
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs,
    sampleInterval: options.sampleIntervalMs,
    pressureHandler: (request, reply, type, value) => {
      if (Date.now() - lastWarning > 10_000) {
        lastWarning = Date.now();
        request.log.warn({ type, value, limit: options.maxEventLoopDelayMs }, 'under pressure: shedding load with 503');
      }
      void reply.status(503).header('retry-after', RETRY_AFTER_SECONDS);
      const body: ApiError = {
        code: 'server_busy',
        message: '服务繁忙，请稍后再试',
        detail: `${type} above its limit; retry after ${RETRY_AFTER_SECONDS} s`,
      };
      return body as unknown as void;
    },
  });
});
