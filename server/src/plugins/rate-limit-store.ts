/**
 * The rate-limit store used when REDIS_URL is set: @fastify/rate-limit's own Redis store (one
 * counter per limit and key for every instance), wrapped with the decision for when Redis does
 * not answer:
 *
 * - a limit marked `failClosed` (password attempts) refuses the request with 503: an outage must
 *   never open a window for guessing the reviewer's password;
 * - every other limit (posting, comments, uploads, silent login…) falls back to counting in this
 *   instance's memory, so the product keeps working and each instance still enforces the limit
 *   (N instances then allow up to N× until Redis is back).
 *
 * Either way one log line says so per outage (plugins/redis.ts), and counting in Redis resumes by
 * itself when it answers again.
 */
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyBaseLogger } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../lib/app-error';

type IncrCallback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** What @fastify/rate-limit hands a store for a route: the route plus its merged limit options (ours: `failClosed`). */
type RouteLimitOptions = Parameters<FastifyRateLimitStore['child']>[0] & { failClosed?: boolean };

interface Store extends FastifyRateLimitStore {
  child(routeOptions: RouteLimitOptions): Store;
}

// The stores @fastify/rate-limit ships (it picks them itself for `redis:`; wrapping needs them by path).
/* eslint-disable @typescript-eslint/no-require-imports */
const RedisStore = require('@fastify/rate-limit/store/RedisStore') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  redis: Redis,
  key?: string,
) => Store;
const LocalStore = require('@fastify/rate-limit/store/LocalStore') as new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache?: number,
) => Store;
/* eslint-enable @typescript-eslint/no-require-imports */

export const rateLimitUnavailable = () =>
  new AppError(
    503,
    'rate_limit_unavailable',
    '服务繁忙，请稍后再试',
    'the shared rate-limit store (Redis) is unavailable and this limit fails closed',
  );

class SharedStore implements Store {
  constructor(
    private readonly shared: Store,
    private readonly local: Store,
    private readonly failClosed: boolean,
    private readonly log: FastifyBaseLogger,
  ) {}

  incr(key: string, callback: IncrCallback, timeWindow: number, max: number): void {
    this.shared.incr(
      key,
      (error, result) => {
        if (!error) return callback(null, result);
        this.log.debug({ err: { message: error.message }, failClosed: this.failClosed }, 'rate-limit store unavailable');
        if (this.failClosed) return callback(rateLimitUnavailable());
        this.local.incr(key, callback, timeWindow, max);
      },
      timeWindow,
      max,
    );
  }

  child(routeOptions: RouteLimitOptions): Store {
    return new SharedStore(this.shared.child(routeOptions), this.local.child(routeOptions), routeOptions.failClosed === true, this.log);
  }
}

/** A store constructor for @fastify/rate-limit's `store` option. */
export function sharedRateLimitStore(redis: Redis, keyPrefix: string, log: FastifyBaseLogger) {
  return class extends SharedStore {
    constructor(options: { continueExceeding?: boolean; exponentialBackoff?: boolean }) {
      const continueExceeding = options.continueExceeding ?? false;
      const exponentialBackoff = options.exponentialBackoff ?? false;
      super(
        new RedisStore(continueExceeding, exponentialBackoff, redis, `${keyPrefix}rate-limit:`),
        new LocalStore(continueExceeding, exponentialBackoff),
        false,
        log,
      );
    }
  };
}
