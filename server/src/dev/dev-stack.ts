/**
 * The whole product on one machine: the fake WeChat, then the real server (seeded) pointed at it,
 * with the fake's image verdicts pushed back to the server in safe mode. Used by `npm start`
 * (fixed ports, SQLite under server/data), the headless automator host and the review kit
 * (free ports, a throwaway database and media folder).
 */
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import { startServer, type RunningServer } from '../server';
import { startFakeWeChat, type FakeWeChat } from './fake-wechat';
import { FAKE_WECHAT_PROBE_SAMPLE } from './probe-sample';

export interface DevStackOptions {
  /** Variables as process.env would give them; ports, database and secrets come from here. */
  env?: Record<string, string | undefined>;
  /** A throwaway SQLite file and media folder in a temp dir, on free ports (removed on close). */
  ephemeral?: boolean;
}

export interface DevStack {
  server: RunningServer;
  /** Undefined when WECHAT_API_BASE_URL points at a real (or other) WeChat API. */
  fake: FakeWeChat | undefined;
  config: Config;
  /** http://127.0.0.1:PORT */
  apiUrl: string;
  testAccount: { username: string; password: string | undefined; role: string };
  close(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export async function startDevStack(options: DevStackOptions = {}): Promise<DevStack> {
  const env = { ...(options.env ?? process.env) };
  let scratch: string | undefined;
  if (options.ephemeral) {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'community-dev-'));
    const port = String(await freePort());
    Object.assign(env, {
      PORT: port,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      SQLITE_PATH: path.join(scratch, 'community.sqlite'),
      MEDIA_DIR: path.join(scratch, 'media'),
    });
    delete env.DATABASE_URL;
    env.FAKE_WECHAT_PORT ??= '0';
    env.LOG_LEVEL ??= 'warn';
  }
  const appId = env.WECHAT_APPID ?? 'wxdevelopment0000';
  const appSecret = env.WECHAT_SECRET ?? 'development-only-app-secret';
  const fake = env.WECHAT_API_BASE_URL
    ? undefined
    : await startFakeWeChat({ port: Number(env.FAKE_WECHAT_PORT ?? 3001), host: '127.0.0.1', appId, appSecret });
  if (fake) {
    env.WECHAT_API_BASE_URL = fake.url;
    env.CONTENT_CHECK_PROBE_TEXT ??= FAKE_WECHAT_PROBE_SAMPLE;
  }

  const config = loadConfig(env);
  if (config.env === 'production')
    throw new Error('the development stack refuses NODE_ENV=production; build with npm run build and run node server/dist/server.js');
  const server = await startServer(config);
  const apiUrl = server.url.replace('0.0.0.0', '127.0.0.1');
  fake?.configurePush({ url: `${apiUrl}/wechat/push`, token: config.push.token, encodingAesKey: config.push.encodingAesKey, mode: 'safe' });
  const { username, role } = server.seed.testAccount;
  const password = server.seed.testAccount.password ?? config.testAccount.password;
  return {
    server,
    fake,
    config,
    apiUrl,
    testAccount: { username, password, role },
    async close() {
      await server.close();
      await fake?.close();
      if (scratch) await fs.rm(scratch, { recursive: true, force: true });
    },
  };
}
