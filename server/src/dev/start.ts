/**
 * `npm start`: the whole product on one machine with nothing else installed (dev-stack.ts), and
 * what a developer needs to see: the API URL, the reviewer test account and how to open the
 * mini program.
 */
import path from 'node:path';
import { startDevStack } from './dev-stack';

async function main(): Promise<void> {
  const stack = await startDevStack();
  const { apiUrl, config, fake, testAccount } = stack;
  const where = config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)';

  console.log(`
  Community starter is running (development)
  ─────────────────────────────────────────────
  API            ${apiUrl}          e.g. ${apiUrl}/posts
  API docs       ${apiUrl}/docs
  Fake WeChat    ${fake ? `${fake.url}  (verdict rule: see README)` : `${config.wechat.apiBaseUrl} (real)`}
  Database       ${where}
  Test account   ${testAccount.username} / ${testAccount.password ?? '(TEST_ACCOUNT_PASSWORD)'}   role: ${testAccount.role}

  Open the mini program: WeChat DevTools → 导入项目 → ${path.resolve(__dirname, '..', '..', '..')}
  (AppID: your own or 测试号), then 详情 → 本地设置 → tick 「不校验合法域名…」 so it can
  reach ${apiUrl}. The base URL is in miniprogram/config.ts.
  Press Ctrl+C to stop.
`);

  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
