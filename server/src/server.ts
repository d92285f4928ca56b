/**
 * Runs the server: load configuration, open and migrate the database, seed it, listen, and
 * start the background jobs. Production: `npm run build`, then `node server/dist/server.js`; the
 * development launcher (dev/start.ts) calls startServer with the fake WeChat's URL.
 * SIGTERM/SIGINT shut down gracefully within SHUTDOWN_TIMEOUT_MS: the jobs stop claiming, new
 * requests get 503, in-flight ones finish, then connections and the database close.
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
  const wechat = createWeChatClient({
    baseUrl: config.wechat.apiBaseUrl,
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    timeoutMs: config.wechat.timeoutMs,
    logger,
  });
  const app = await buildApp({ config, database, wechat, logger });
  // Stop claiming jobs as soon as shutdown starts, not after the last request has finished.
  app.addHook('preClose', async () => app.jobs.stop());
  app.addHook('onClose', async () => database.db.destroy());
  const url = await app.listen({ host: config.host, port: config.port });
  await app.jobs.ensureRecurringJobs();
  app.jobs.start();
  return { app, url, seed, close: () => app.close() };
}

function closeOnSignals(server: RunningServer, deadlineMs: number): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal, deadlineMs }, 'shutting down: finishing in-flight requests');
      setTimeout(() => {
        server.app.log.error({ deadlineMs }, 'shutdown deadline passed: exiting with requests unfinished');
        process.exit(1);
      }, deadlineMs).unref();
      server.close().then(
        () => {
          server.app.log.info('shut down cleanly');
          process.exit(0);
        },
        (error: unknown) => {
          server.app.log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

export async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  closeOnSignals(server, config.operations.shutdownTimeoutMs);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
