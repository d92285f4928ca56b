/**
 * How every e2e spec gets its mini program: plain miniprogram-automator, connected to the
 * headless host (`npm run host`, started here as a child process on a free port), or launching
 * WeChat DevTools when WX_DEVTOOLS_CLI is set (macOS/Windows machines that have it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import automator from 'miniprogram-automator';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

export interface OpenedMiniProgram {
  miniProgram: MiniProgram;
  /** True against the headless host (host-only knobs such as a shorter privacy refusal window apply). */
  headless: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Environment for the host's own server (e.g. ACCESS_TOKEN_TTL_SECONDS). Headless only. */
  serverEnv?: Record<string, string>;
  /** Extra host CLI flags. Headless only. */
  hostArgs?: string[];
}

/** The host's bin, with this template's backend adapter (as `npm run host`). */
const HOST_BIN = path.join(path.dirname(require.resolve('miniprogram-headless-host/package.json')), 'bin', 'headless-host.js');
const HOST_BACKEND = 'server/src/dev/host-backend.ts';
/** How long a host may take to start (2 shared cores under load) and to end after Tool.close. */
const HOST_READY_TIMEOUT_MS = 45_000;
const HOST_CLOSE_TIMEOUT_MS = 5_000;

/** Starts `npm run host` on a free port and resolves with its endpoint once it is ready. */
export function startHost(options: OpenOptions = {}): Promise<{ child: ChildProcess; wsEndpoint: string }> {
  const child = spawn(
    process.execPath,
    [HOST_BIN, '--project', projectRoot, '--backend', HOST_BACKEND, '--port', '0', ...(options.hostArgs ?? [])],
    {
      cwd: projectRoot,
      // The journeys moderate as the reviewer test account, which is a member unless configured.
      env: { ...process.env, TEST_ACCOUNT_ROLE: 'moderator', ...options.serverEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  return new Promise((resolve, reject) => {
    // A host that never gets ready must fail the spec, not keep jest waiting on its pipes.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the headless host was not ready after ${HOST_READY_TIMEOUT_MS} ms:\n${stderr.join('')}`));
    }, HOST_READY_TIMEOUT_MS);
    const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const match = /^wsEndpoint=(\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, wsEndpoint: match[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the headless host exited (${String(code)}) before it was ready:\n${stderr.join('')}`));
    });
  });
}

export async function openMiniProgram(options: OpenOptions = {}): Promise<OpenedMiniProgram> {
  const cliPath = process.env.WX_DEVTOOLS_CLI;
  if (cliPath) {
    const miniProgram = await automator.launch({ cliPath, projectPath: projectRoot });
    return { miniProgram, headless: false, close: () => miniProgram.close() };
  }
  const { child, wsEndpoint } = await startHost(options);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const miniProgram = await automator.connect({ wsEndpoint }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return {
    miniProgram,
    headless: true,
    async close() {
      // Tool.close ends the host. automator waits for its answer without a timeout, so a host
      // stuck on pending work would never answer and its child process would keep jest alive
      // after the run: the kill is armed before asking, and the answer is not awaited past it.
      if (child.exitCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), HOST_CLOSE_TIMEOUT_MS);
      void miniProgram.close().catch(() => undefined);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * One mini program for the spec file: opened before its tests, closed after them.
 * Read `.miniProgram` inside tests (it exists once beforeAll has run).
 */
export function useMiniProgram(options: OpenOptions = {}): { readonly miniProgram: MiniProgram; readonly headless: boolean } {
  let opened: OpenedMiniProgram | undefined;
  beforeAll(async () => {
    opened = await openMiniProgram(options);
  }, HOST_READY_TIMEOUT_MS + 5_000);
  afterAll(() => opened?.close(), HOST_CLOSE_TIMEOUT_MS + 5_000);
  const current = (): OpenedMiniProgram => {
    if (!opened) throw new Error('the mini program is not open yet: use it inside a test');
    return opened;
  };
  return {
    get miniProgram() {
      return current().miniProgram;
    },
    get headless() {
      return current().headless;
    },
  };
}
