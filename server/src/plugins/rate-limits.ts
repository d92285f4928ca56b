/**
 * Rate limiting for writes and logins (429 + Retry-After). Limits are per user when signed in,
 * per client address otherwise; they run after authentication so the user is known.
 * The counters live in memory: with several instances, give @fastify/rate-limit a shared store.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export default fp(async function rateLimits(app: FastifyInstance) {
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    keyGenerator: (request: FastifyRequest) => (request.viewer ? `user:${request.viewer.user.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: '操作太频繁，请稍后再试',
      detail: `rate limit of ${context.max} per ${context.after} exceeded`,
    }),
  });
});

/** Route-level config: `config: perMinute(5)`. */
export function perMinute(max: number, keyGenerator?: (request: FastifyRequest) => string) {
  return { rateLimit: { max, timeWindow: 60_000, ...(keyGenerator ? { keyGenerator } : {}) } };
}
