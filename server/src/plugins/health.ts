/**
 * GET /health for load balancers and monitors: 200 when the database (and Redis, when configured)
 * answers within a short deadline, 503 naming what does not. Cheap: one `SELECT 1` and one PING.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Db } from '../db/database';

const CHECK_TIMEOUT_MS = 2000;

const Status = Type.Union([Type.Literal('up'), Type.Literal('down')]);
const Health = Type.Object({ ok: Type.Boolean(), database: Status, redis: Type.Optional(Status) });

async function answers(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), deadline]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export default fp(async function health(app: FastifyInstance, options: { db: Db }) {
  app.get('/health', { schema: { hide: true, response: { 200: Health, 503: Health } } }, async (request, reply) => {
    const redis = app.redis;
    const [database, redisStatus] = await Promise.all([
      answers(() => sql`select 1`.execute(options.db)),
      redis ? answers(() => redis.ping()) : Promise.resolve(undefined),
    ]);
    const ok = database === 'up' && redisStatus !== 'down';
    if (!ok) request.log.warn({ database, redis: redisStatus }, 'health check failing');
    return reply.status(ok ? 200 : 503).send({ ok, database, ...(redisStatus ? { redis: redisStatus } : {}) });
  });
});
