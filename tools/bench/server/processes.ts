/** Starts the bench's child processes (under tsx, with IPC) and stops them cleanly. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Child {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export async function startChild(
  file: string,
  options: { env?: Record<string, string>; nodeArgs?: string[]; message?: unknown } = {},
): Promise<Child> {
  const child = fork(path.resolve(__dirname, file), [], {
    env: { ...process.env, ...options.env },
    cwd: REPO_ROOT,
    execArgv: [...(options.nodeArgs ?? []), '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  if (options.message !== undefined) child.send(options.message as object);
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url?: string }) =>
      message.url ? resolve(message.url) : reject(new Error(`${file}: unexpected message`)),
    );
    child.once('exit', (code) => reject(new Error(`${file} exited with ${String(code)} before listening`)));
  });
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('stop');
      }),
  };
}
