/**
 * Rate limiting for writes and logins (429 + Retry-After). Limits are per user when signed in,
 * per client address otherwise; they run after authentication so the user is known.
 * The counters live in memory, or in Redis when REDIS_URL is set (plugins/redis.ts), so that every
 * instance shares them; what each limit does while Redis is down is decided in rate-limit-store.ts.
 * Client addresses are whatever TRUST_PROXY lets `request.ip` be (lib/trust-proxy.ts).
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sharedRateLimitStore } from './rate-limit-store';

export default fp(async function rateLimits(app: FastifyInstance, options: { redisKeyPrefix?: string } = {}) {
  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    ...(app.redis ? { store: sharedRateLimitStore(app.redis, options.redisKeyPrefix ?? 'community:', app.log) } : {}),
    keyGenerator: (request: FastifyRequest) => (request.viewer ? `user:${request.viewer.user.id}` : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'rate_limited',
      message: '操作太频繁，请稍后再试',
      detail: `rate limit of ${context.max} per ${context.after} exceeded`,
    }),
  });
});

/**
 * Route-level config: `config: perMinute(5)`. `failClosed`: refuse (503) rather than count per
 * instance while the shared store is down (rate-limit-store.ts).
 */
export function perMinute(max: number, keyGenerator?: (request: FastifyRequest) => string, options: { failClosed?: boolean } = {}) {
  return {
    rateLimit: { max, timeWindow: 60_000, ...(keyGenerator ? { keyGenerator } : {}), ...(options.failClosed ? { failClosed: true } : {}) },
  };
}
