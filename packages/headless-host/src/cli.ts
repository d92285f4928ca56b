/**
 * `headless-host`: a mini program headless on a local WebSocket, for miniprogram-automator's
 * `automator.connect({ wsEndpoint })`. The project's adapter (`--backend MODULE`, exporting
 * `startHostBackend()`) starts its server and says where wx.login gets codes; or `--api-url`
 * points at a server you run yourself.
 *
 *   headless-host --backend dev/host-backend.ts          ws://127.0.0.1:9420, the adapter's server
 *   headless-host --api-url http://127.0.0.1:3000 --login-code-url http://127.0.0.1:3001/login
 *   headless-host --port 0 ...                           a free port (printed)
 *
 * It prints `wsEndpoint=ws://…` on a line of its own when ready, and exits when a spec calls
 * `miniProgram.close()` (Tool.close) or on Ctrl+C; `--keep-alive` keeps it up across spec runs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startBackendModule, type HostBackend } from './backend';
import { startHeadlessHost } from './headless-host';

export const USAGE = `Usage: headless-host [--project DIR] (--backend MODULE | --api-url URL [--login-code-url URL])
                     [--port 9420] [--entry /pages/x/index?a=1] [--api-base-url URL]
                     [--keep-alive] [--privacy-refusal-window-ms 10000]
  --project DIR       the mini program project (project.config.json); default: the current directory
  --backend MODULE    the project's adapter, relative to --project: exports startHostBackend()
  --api-url URL       a running server instead of a backend
  --login-code-url    where wx.login gets codes: POST {openid} → {code}
  --api-base-url URL  the API base URL built into the mini program (default: read from its config.ts)`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9420' },
      project: { type: 'string', default: process.cwd() },
      backend: { type: 'string' },
      entry: { type: 'string' },
      'api-url': { type: 'string' },
      'login-code-url': { type: 'string' },
      'api-base-url': { type: 'string' },
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
  if (!values.backend && !values['api-url']) throw new Error(`give --backend MODULE or --api-url URL\n${USAGE}`);
  if (values.backend && values['api-url']) throw new Error(`--backend and --api-url exclude each other\n${USAGE}`);
  const log = (line: string) => process.stderr.write(`[headless-host] ${line}\n`);
  const projectRoot = path.resolve(values.project);

  let backend: HostBackend;
  if (values.backend) {
    backend = await startBackendModule(path.resolve(projectRoot, values.backend), { projectRoot, log });
    log(backend.description ?? `backend ${values.backend}: server ${backend.apiUrl}`);
  } else {
    backend = { apiUrl: values['api-url'] as string, ...(values['login-code-url'] ? { loginCodeUrl: values['login-code-url'] } : {}) };
  }

  const host = await startHeadlessHost({
    projectRoot,
    apiUrl: backend.apiUrl,
    ...(backend.loginCode ? { loginCode: backend.loginCode } : {}),
    ...(backend.loginCodeUrl ? { loginCodeUrl: backend.loginCodeUrl } : {}),
    ...(values['api-base-url'] ? { builtApiBaseUrl: values['api-base-url'] } : {}),
    testAccounts: backend.testAccounts ?? [],
    port,
    entry: values.entry,
    log,
    stayOpenOnToolClose: values['keep-alive'],
    ...(values['privacy-refusal-window-ms'] ? { privacyRefusalWindowMs: Number(values['privacy-refusal-window-ms']) } : {}),
  });
  const shutdown = async () => {
    await host.close();
    await backend.close?.();
  };
  process.once('SIGINT', () => void shutdown().then(() => process.exit(0)));
  process.once('SIGTERM', () => void shutdown().then(() => process.exit(0)));
  process.stdout.write(`wsEndpoint=${host.wsEndpoint}\n`);
  log(`ready: automator.connect({ wsEndpoint: '${host.wsEndpoint}' })`);

  await host.closed;
  await backend.close?.();
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`[headless-host] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
