/**
 * `npm run host`: the mini program headless on a local WebSocket, for miniprogram-automator's
 * `automator.connect({ wsEndpoint })`. By default it also starts the reference server and the
 * fake WeChat (seeded, throwaway database); `--api-url` points it at a server you run instead.
 *
 *   npm run host                      ws://127.0.0.1:9420, own server + fake WeChat
 *   npm run host -- --port 0          a free port (printed)
 *   npm run host -- --api-url http://127.0.0.1:3000 --fake-wechat-url http://127.0.0.1:3001
 *
 * It prints `wsEndpoint=ws://…` on a line of its own when ready, and exits when a spec calls
 * `miniProgram.close()` (Tool.close) or on Ctrl+C; `--keep-alive` keeps it up across spec runs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startDevStack, type DevStack } from '../../../server/src/dev/dev-stack';
import { startHeadlessHost } from './headless-host';

const USAGE = `Usage: npm run host -- [--port 9420] [--project DIR] [--entry /pages/x/index?a=1]
                       [--api-url URL [--fake-wechat-url URL]] [--keep-alive]
                       [--privacy-refusal-window-ms 10000]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9420' },
      project: { type: 'string', default: path.resolve(__dirname, '..', '..', '..') },
      entry: { type: 'string' },
      'api-url': { type: 'string' },
      'fake-wechat-url': { type: 'string' },
      'keep-alive': { type: 'boolean', default: false },
      'privacy-refusal-window-ms': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got "${values.port}"\n${USAGE}`);
  const log = (line: string) => process.stderr.write(`[headless-host] ${line}\n`);

  let stack: DevStack | undefined;
  let apiUrl = values['api-url'];
  let fakeWeChatUrl = values['fake-wechat-url'];
  let testAccounts: DevStack["testAccount"][] = [];
  if (!apiUrl) {
    stack = await startDevStack({ ephemeral: true, env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
    apiUrl = stack.apiUrl;
    fakeWeChatUrl = stack.fake?.url;
    testAccounts = [stack.testAccount];
    log(`server ${apiUrl}, fake WeChat ${fakeWeChatUrl ?? '(none)'}, test account ${stack.testAccount.username}`);
  }

  const host = await startHeadlessHost({
    projectRoot: values.project,
    apiUrl,
    fakeWeChatUrl,
    testAccounts,
    port,
    entry: values.entry,
    log,
    stayOpenOnToolClose: values['keep-alive'],
    ...(values['privacy-refusal-window-ms'] ? { privacyRefusalWindowMs: Number(values['privacy-refusal-window-ms']) } : {}),
  });
  const shutdown = async () => {
    await host.close();
    await stack?.close();
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  process.stdout.write(`wsEndpoint=${host.wsEndpoint}\n`);
  log(`ready: automator.connect({ wsEndpoint: '${host.wsEndpoint}' })`);

  await host.closed;
  await stack?.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`[headless-host] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
