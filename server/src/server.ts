/**
 * Runs the server: load configuration, open and migrate the database, seed it, listen, and
 * start the background jobs. `node`/`tsx server/src/server.ts` in production; the development
 * launcher (dev/start.ts) calls startServer with the fake WeChat's URL.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadConfig, type Config } from './config';
import { openDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { seedDatabase, type SeedResult } from './dev/seed/seed';
import { createLogger } from './lib/logger';
import { createWeChatClient } from './wechat/wechat-client';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  seed: SeedResult;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const logger = createLogger(config);
  const database = openDatabase(config.database);
  await migrateToLatest(database);
  const seed = await seedDatabase(database.db, config);
  const wechat = createWeChatClient({ baseUrl: config.wechat.apiBaseUrl, appId: config.wechat.appId, appSecret: config.wechat.appSecret, timeoutMs: config.wechat.timeoutMs, logger });
  const app = await buildApp({ config, database, wechat, logger });
  app.addHook('onClose', async () => database.db.destroy());
  const url = await app.listen({ host: config.host, port: config.port });
  app.jobs.start();
  return { app, url, seed, close: () => app.close() };
}

function closeOnSignals(server: RunningServer): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

export async function main(): Promise<void> {
  const server = await startServer(loadConfig());
  closeOnSignals(server);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
