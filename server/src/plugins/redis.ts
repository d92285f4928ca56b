/**
 * The Redis connection (REDIS_URL) that makes rate limits shared across instances; `app.redis`
 * is null without it. Commands fail fast while Redis is unreachable (no offline queue, short
 * timeouts) instead of holding requests, so each limit can apply its own outage rule
 * (plugins/rate-limit-store.ts); ioredis keeps reconnecting in the background.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis | null;
  }
}

export const REDIS_COMMAND_TIMEOUT_MS = 1000;

export function connectRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: REDIS_COMMAND_TIMEOUT_MS,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // Reconnect forever, at most every 2 s: an outage ends by itself when Redis is back.
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
}

export default fp(async function redis(app: FastifyInstance, options: { url?: string }) {
  if (!options.url) {
    app.decorate('redis', null);
    return;
  }
  const client = connectRedis(options.url);
  let down = false;
  let closing = false;
  const markDown = (reason: string) => {
    // One line per outage, not one per failed command or reconnect attempt.
    if (down || closing) return;
    down = true;
    app.log.error(
      { reason },
      'Redis unavailable: password attempts are refused (503), other rate limits count per instance until it answers',
    );
  };
  client.on('error', (error: Error) => markDown(error.message));
  client.on('close', () => markDown('connection closed'));
  client.on('ready', () => {
    if (down) app.log.warn('Redis answers again: rate limits are shared across instances');
    down = false;
  });
  try {
    await client.connect();
  } catch {
    // Start anyway: the outage rule applies until Redis answers (the error line is logged above).
  }
  app.decorate('redis', client);
  app.addHook('onClose', async () => {
    closing = true;
    await client.quit().catch(() => client.disconnect());
  });
});
