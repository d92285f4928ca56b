/**
 * The real server entry (server/src/server.ts, as `node server/dist/server.js` runs it in
 * production) as a child process that a test can SIGKILL and start again on the same port and
 * database: what a crash and a supervisor's restart look like. Output is kept (the last lines)
 * so a failing test can say why the child died.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const ENTRY = path.join(REPO_ROOT, 'server', 'src', 'server.ts');
const KEPT_LINES = 200;

export interface ServerProcess {
  readonly url: string;
  /** The last lines the current and earlier children wrote. */
  readonly output: string[];
  /** Starts a child and resolves once GET /health answers 200; with `env`, those variables change from now on. */
  start(env?: Record<string, string>): Promise<void>;
  /** SIGKILL: no shutdown hook runs, in-flight requests and jobs are cut off where they are. */
  kill(): Promise<void>;
  /** Graceful stop (SIGTERM), for the end of a test. */
  stop(): Promise<void>;
}

export function serverProcess(options: { port: number; env: Record<string, string>; readyTimeoutMs?: number }): ServerProcess {
  const url = `http://127.0.0.1:${options.port}`;
  const output: string[] = [];
  let env = { ...options.env };
  let child: ChildProcess | undefined;

  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    if (output.length > KEPT_LINES) output.splice(0, output.length - KEPT_LINES);
  };
  const exited = (proc: ChildProcess) =>
    proc.exitCode !== null || proc.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((resolve) => proc.once('exit', () => resolve()));

  async function waitReady(proc: ChildProcess): Promise<void> {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${output.slice(-20).join('\n')}`);
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`server not ready at ${url}:\n${output.slice(-20).join('\n')}`);
  }

  return {
    url,
    output,
    async start(change) {
      if (change) env = { ...env, ...change };
      const proc = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
        cwd: REPO_ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, PORT: String(options.port), HOST: '127.0.0.1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout?.on('data', keep);
      proc.stderr?.on('data', keep);
      child = proc;
      await waitReady(proc);
    },
    async kill() {
      if (!child) return;
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      if (!child) return;
      const proc = child;
      const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      proc.kill('SIGTERM');
      await exited(proc);
      clearTimeout(timer);
    },
  };
}
