/**
 * Child process of the server bench: the real app (buildApp, every plugin and hook as in
 * production, request logs at info into /dev/null) on a bench database, on a free loopback port.
 * Tells its parent the URL over IPC and exits cleanly on "stop", so `--cpu-prof` can write.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { buildApp } from '../../../server/src/app';
import { loadConfig } from '../../../server/src/config';
import { migrateToLatest } from '../../../server/src/db/migrate';
import { createLogger } from '../../../server/src/lib/logger';
import { createWeChatClient } from '../../../server/src/wechat/wechat-client';
import { openBenchDatabase, type BenchDatabase } from './bench-data';

async function main(): Promise<void> {
  const target = JSON.parse(process.env.BENCH_TARGET ?? '') as BenchDatabase;
  const fakeUrl = process.env.BENCH_FAKE_WECHAT_URL ?? '';
  const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-media-'));
  const many = '1000000';
  const config = loadConfig({
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    HOST: '127.0.0.1',
    PORT: '0',
    WECHAT_API_BASE_URL: fakeUrl,
    WECHAT_APPID: 'wxbench0000000000',
    WECHAT_SECRET: 'bench-app-secret-value',
    TEST_ACCOUNT_PASSWORD: 'bench-reviewer-password',
    MEDIA_DIR: mediaDir,
    // The bench measures the read and write paths, not the limiter refusing them.
    RATE_LIMIT_POSTS_PER_MINUTE: many,
    RATE_LIMIT_COMMENTS_PER_MINUTE: many,
    RATE_LIMIT_LOGINS_PER_MINUTE: many,
    RATE_LIMIT_PROFILE_UPDATES_PER_MINUTE: many,
  });
  const logger = createLogger(config, pino.destination({ dest: '/dev/null', sync: false }));
  const database = openBenchDatabase(target);
  await migrateToLatest(database);
  const wechat = createWeChatClient({
    baseUrl: fakeUrl,
    appId: config.wechat.appId,
    appSecret: config.wechat.appSecret,
    timeoutMs: config.wechat.timeoutMs,
    logger,
  });
  const app = await buildApp({ config, database, wechat, logger });
  app.addHook('onClose', async () => database.db.destroy());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  // The bench profiles only the load, not startup: it asks for a CPU profile around it.
  const inspector = new Session();
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'profile' in message) {
      const { profile, file } = message as { profile: 'start' | 'stop'; file?: string };
      const done =
        profile === 'start'
          ? (inspector.connect(), inspector.post('Profiler.enable').then(() => inspector.post('Profiler.start')))
          : inspector.post('Profiler.stop').then(({ profile: cpu }) => fs.writeFileSync(file ?? 'bench.cpuprofile', JSON.stringify(cpu)));
      void done.then(() => process.send?.({ profiled: profile }));
      return;
    }
    if (message !== 'stop') return;
    app.close().finally(() => {
      fs.rmSync(mediaDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
  process.send?.({ url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
