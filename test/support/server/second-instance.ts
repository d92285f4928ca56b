/**
 * Another server instance beside a TestApp: same configuration, the same database through its own
 * connection pool, the same fake WeChat, its own in-process state (rate-limit memory, Redis
 * connection, job runner), as a second process behind a load balancer would have.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/src/app';
import type { Config } from '../../../server/src/config';
import { createLogger } from '../../../server/src/lib/logger';
import { createWeChatClient } from '../../../server/src/wechat/wechat-client';
import type { TestApp } from './test-app';

export async function startSecondInstance(t: TestApp, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const config = { ...t.config, ...overrides };
  const logger = createLogger({ logLevel: 'silent' });
  const wechat = createWeChatClient({
    baseUrl: t.fake.url,
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    timeoutMs: config.wechat.timeoutMs,
    logger,
  });
  const app = await buildApp({ config, database: t.database.openAnotherHandle(), wechat, logger });
  await app.ready();
  return app;
}
