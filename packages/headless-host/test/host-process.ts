/** Starts the headless-host bin on a fixture project (a child process, as a project would run it) and connects automator. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import automator from 'miniprogram-automator';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';

const BIN = path.join(__dirname, '..', 'bin', 'headless-host.js');
export const FIXTURES = path.join(__dirname, 'fixtures');

export interface RunningHost {
  miniProgram: MiniProgram;
  child: ChildProcess;
  /** What the host logged on stderr so far. */
  stderr(): string;
  stop(): Promise<void>;
}

export async function startHost(project: string, extraArgs: string[] = []): Promise<RunningHost> {
  // No server: nothing in the fixtures needs one (requests fail like an unreachable server).
  const child = spawn(process.execPath, [BIN, '--project', project, '--api-url', 'http://127.0.0.1:9', '--port', '0', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const wsEndpoint = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /wsEndpoint=(\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`headless-host exited with ${String(code)} before it was ready:\n${stderr}`)));
  });
  const miniProgram = await automator.connect({ wsEndpoint });
  return {
    miniProgram,
    child,
    stderr: () => stderr,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) {
        miniProgram.disconnect();
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
