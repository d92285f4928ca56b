/**
 * `npm start`: the whole product on one machine with nothing else installed. Starts the fake
 * WeChat, then the real server (embedded SQLite, seeded) pointed at it, and prints what a
 * developer needs: the API URL, the reviewer test account and how to open the mini program.
 */
import path from 'node:path';
import { loadConfig } from '../config';
import { startServer } from '../server';
import { startFakeWeChat } from './fake-wechat';

async function main(): Promise<void> {
  const env = { ...process.env };
  const fakePort = Number(env.FAKE_WECHAT_PORT ?? 3001);
  const appId = env.WECHAT_APPID ?? 'wxdevelopment0000';
  const appSecret = env.WECHAT_SECRET ?? 'development-only-app-secret';
  const usesFake = !env.WECHAT_API_BASE_URL;
  const fake = usesFake ? await startFakeWeChat({ port: fakePort, host: '127.0.0.1', appId, appSecret }) : undefined;
  if (fake) env.WECHAT_API_BASE_URL = fake.url;

  const config = loadConfig(env);
  if (config.env === 'production') throw new Error('npm start is the development launcher; run server/src/server.ts in production');
  const server = await startServer(config);
  const apiUrl = server.url.replace('0.0.0.0', '127.0.0.1');
  // The fake pushes image verdicts here, signed and encrypted like WeChat's safe mode.
  fake?.configurePush({ url: `${apiUrl}/wechat/push`, token: config.push.token, encodingAesKey: config.push.encodingAesKey, mode: 'safe' });
  const account = server.seed.testAccount;
  const where = config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)';

  console.log(`
  Community starter is running (development)
  ─────────────────────────────────────────────
  API            ${apiUrl}          e.g. ${apiUrl}/posts
  API docs       ${apiUrl}/docs
  Fake WeChat    ${fake ? `${fake.url}  (verdict rule: see README)` : `${config.wechat.apiBaseUrl} (real)`}
  Database       ${where}
  Test account   ${account.username} / ${account.password ?? '(TEST_ACCOUNT_PASSWORD)'}   role: ${account.role}

  Open the mini program: WeChat DevTools → 导入项目 → ${path.resolve(__dirname, '..', '..', '..')}
  (AppID: your own or 测试号), then 详情 → 本地设置 → tick 「不校验合法域名…」 so it can
  reach ${apiUrl}. The base URL is in miniprogram/config.ts.
  Press Ctrl+C to stop.
`);

  const stop = async () => {
    await server.close();
    await fake?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
