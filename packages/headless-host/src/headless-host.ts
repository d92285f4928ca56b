/**
 * The headless automator host: the mini program rendered by miniprogram-simulate (through the app
 * host), its `wx` bridged to a real server, answering miniprogram-automator's WebSocket protocol,
 * so `automator.connect({ wsEndpoint })` drives it as it would drive WeChat DevTools.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { createAppHost, type AppHost } from './runtime/app-host';
import { buildMissingMiniprogramNpm } from './runtime/build-npm';
import { resolveMiniprogramRoot } from './runtime/project-layout';
import { installDom } from './runtime/dom';
import { preferScriptsUnder } from './runtime/script-resolution';
import { installWxFake, type LoginCodeSource, type WxFake } from './runtime/wx-fake';
import type { HostContext, Params, TestAccount } from './protocol/context';
import { dispatch } from './protocol/dispatcher';
import { ElementRegistry } from './protocol/element-registry';
import { PageRegistry } from './protocol/page-registry';
import { toWire } from './protocol/data-path';
import { errorMessage } from './protocol/wx-api-call';
import { WxMocks } from './protocol/wx-mocks';
import { forwardConsole, type ConsoleForwarding } from './console-forwarding';

export interface HeadlessHostOptions {
  /** The project root (project.config.json); the mini program root is read from it. */
  projectRoot: string;
  /** Where the API really is; requests to the mini program's own base URL are sent here. */
  apiUrl: string;
  /** Where wx.login gets its codes (see WxFakeOptions); without either, wx.login fails. */
  loginCode?: LoginCodeSource;
  loginCodeUrl?: string;
  /** The API base URL compiled into the mini program (default: `apiBaseUrl: '…'` read from its config.ts). */
  builtApiBaseUrl?: string;
  testAccounts?: TestAccount[];
  /** WebSocket port on 127.0.0.1 (automator's default is 9420); 0 picks a free one. */
  port?: number;
  /** WeChat refuses privacy APIs for 10 s after a 不同意; specs may shorten the wait. */
  privacyRefusalWindowMs?: number;
  /** First page, with its query (default: app.json's first page). */
  entry?: string;
  /**
   * Tool.close (miniProgram.close()) ends the host, as it closes DevTools' project window. With
   * this set it only drops the connection and restores mocks, so several spec runs can share it.
   */
  stayOpenOnToolClose?: boolean;
  /** Host diagnostics (not the mini program's console, which goes to App.logAdded). */
  log?: (line: string) => void;
}

export interface HeadlessHost {
  wsEndpoint: string;
  appHost: AppHost;
  wxFake: WxFake;
  /** The mini program's errors so far (each also sent as App.exceptionThrown). */
  readonly exceptions: readonly { message: string; stack?: string }[];
  /** Resolves when a spec sends Tool.close (or close() is called). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** The base library version reported when project.config.json names none, or `trial`/`latest`. */
export const HOST_SDK_VERSION = '3.0.0';

/** Timers longer than this are pacing for the user, not pending work (see AppHostOptions). */
export const USER_PACED_TIMER_MS = 1000;

interface ProjectFacts {
  miniprogramRoot: string;
  sdkVersion: string;
  /** The API base URL the mini program was built with (`apiBaseUrl` in its config.ts, if any). */
  builtApiBaseUrl: string | undefined;
}

function readProject(projectRoot: string): ProjectFacts {
  const configPath = path.join(projectRoot, 'project.config.json');
  const projectConfig = fs.existsSync(configPath) ? (JSON.parse(fs.readFileSync(configPath, 'utf8')) as { libVersion?: string }) : {};
  const miniprogramRoot = resolveMiniprogramRoot(projectRoot);
  if (!fs.existsSync(path.join(miniprogramRoot, 'app.json')))
    throw new Error(`no app.json at ${miniprogramRoot}: is ${projectRoot} a mini program project?`);
  const clientConfig = path.join(miniprogramRoot, 'config.ts');
  const builtApiBaseUrl = fs.existsSync(clientConfig)
    ? /apiBaseUrl:\s*['"]([^'"]+)['"]/.exec(fs.readFileSync(clientConfig, 'utf8'))?.[1]
    : undefined;
  // DevTools resolves `trial`/`latest` (and no libVersion) to a concrete base library; automator
  // compares SDKVersion as a number, so the host reports the one it emulates.
  const named = projectConfig.libVersion;
  const sdkVersion = typeof named === 'string' && /^\d+\.\d+\.\d+$/.test(named) ? named : HOST_SDK_VERSION;
  return { miniprogramRoot, sdkVersion, builtApiBaseUrl };
}

export async function startHeadlessHost(options: HeadlessHostOptions): Promise<HeadlessHost> {
  const log = options.log ?? (() => undefined);
  const project = readProject(path.resolve(options.projectRoot));
  const builtApiBaseUrl = options.builtApiBaseUrl ?? project.builtApiBaseUrl;
  for (const line of await buildMissingMiniprogramNpm(path.resolve(options.projectRoot), project.miniprogramRoot)) log(line);
  if (typeof document === 'undefined') installDom();
  preferScriptsUnder(project.miniprogramRoot);

  const wxFake = installWxFake({ modalsWaitForUser: true });
  wxFake.configure({
    modalsWaitForUser: true,
    ...(options.privacyRefusalWindowMs !== undefined ? { privacyRefusalWindowMs: options.privacyRefusalWindowMs } : {}),
    ...(options.loginCode ? { loginCode: options.loginCode } : {}),
    ...(options.loginCodeUrl ? { loginCodeUrl: options.loginCodeUrl } : {}),
    rewriteOrigins: builtApiBaseUrl && builtApiBaseUrl !== options.apiUrl ? { [builtApiBaseUrl.replace(/\/$/, '')]: options.apiUrl } : {},
  });
  let socket: WebSocket | undefined;
  /**
   * The mini program's errors (a throw in onLaunch, in a launch-time wx callback, a page that
   * fails to load) are reported as DevTools reports them, never fatal: `App.exceptionThrown`, plus
   * an error on the console (`App.logAdded`) once a spec listens to it. Those raised before a spec
   * could listen (at launch, before connect) are held and sent just before the answer to its first
   * request after `Tool.getInfo`; `exceptions` keeps them all for the host log and library users.
   */
  const exceptions: { message: string; stack?: string }[] = [];
  const held: { message: string; stack?: string }[] = [];
  let listening = false;
  let logEnabled = false;
  const sendException = (exception: { message: string; stack?: string }) => {
    emit('App.exceptionThrown', exception);
    if (logEnabled) emit('App.logAdded', { type: 'error', args: [exception.stack ?? exception.message] });
  };
  const reportError = (error: unknown, where: string) => {
    const exception = {
      message: `${where}: ${errorMessage(error)}`,
      ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
    };
    exceptions.push(exception);
    log(`mini program error (${where}): ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (listening) sendException(exception);
    else held.push(exception);
  };
  const onUncaught = (error: unknown) => reportError(error, 'uncaught');
  process.on('unhandledRejection', onUncaught);
  process.on('uncaughtException', onUncaught);

  // As in DevTools, a spec sees a result the app shows for a while before moving on.
  const appHost = createAppHost({
    rootPath: project.miniprogramRoot,
    userPacedTimerMs: USER_PACED_TIMER_MS,
    onError: reportError,
    warn: log,
  });
  try {
    await appHost.launch(options.entry);
  } catch (error) {
    // The entry page failed to load: the session stays usable (other pages still open).
    reportError(error, 'launch');
  }

  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });
  const emit = (method: string, params: unknown) => {
    if (socket && socket.readyState === socket.OPEN) socket.send(JSON.stringify({ method, params }));
  };
  let consoleForwarding: ConsoleForwarding | undefined;
  const context: HostContext = {
    host: appHost,
    wxFake,
    pages: new PageRegistry(appHost),
    elements: new ElementRegistry(),
    mocks: new WxMocks(wxFake.wx, wxFake.track),
    sdkVersion: project.sdkVersion,
    testAccounts: options.testAccounts ?? [],
    emit,
    enableLog() {
      logEnabled = true;
      consoleForwarding ??= forwardConsole((type, args) => emit('App.logAdded', { type, args: toWire(args) }));
    },
    requestClose: () =>
      setImmediate(() => {
        if (!options.stayOpenOnToolClose) return void close();
        context.mocks.restoreAll();
        socket?.close();
      }),
  };

  const server = new WebSocketServer({ host: '127.0.0.1', port: options.port ?? 9420 });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as { port: number };

  server.on('connection', (connection) => {
    socket = connection;
    listening = false;
    // One message at a time, in order: every action settles the app before the next one starts.
    let queue = Promise.resolve();
    connection.on('message', (raw) => {
      queue = queue.then(async () => {
        let message: { id?: unknown; method?: unknown; params?: unknown };
        try {
          message = JSON.parse(String(raw)) as typeof message;
        } catch {
          log(`ignored a message that is not JSON: ${String(raw).slice(0, 80)}`);
          return;
        }
        const { id, method } = message;
        const params = (message.params !== null && typeof message.params === 'object' ? message.params : {}) as Params;
        if (!listening && method !== 'Tool.getInfo') {
          listening = true;
          for (const exception of held.splice(0)) sendException(exception);
        }
        try {
          const result = await dispatch(context, String(method), params);
          connection.send(JSON.stringify({ id, result: result ?? {} }));
        } catch (error: unknown) {
          log(`${String(method)} failed: ${errorMessage(error)}`);
          connection.send(JSON.stringify({ id, error: { message: errorMessage(error) } }));
        }
      });
    });
  });

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      for (const client of server.clients) client.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      process.off('unhandledRejection', onUncaught);
      process.off('uncaughtException', onUncaught);
      consoleForwarding?.stop();
      context.mocks.restoreAll();
      appHost.close();
      resolveClosed();
    })();
    return closing;
  }

  return { wsEndpoint: `ws://127.0.0.1:${port}`, appHost, wxFake, exceptions, closed, close };
}
