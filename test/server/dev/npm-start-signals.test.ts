/**
 * `npm start` runs two servers (the API and the fake WeChat) under npm and tsx. A process manager
 * or `kill` sends SIGTERM to npm alone, not to its whole group: both servers must still stop
 * (before the fix npm exited and left them running).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

async function refuses(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

// Nothing here depends on the database: run it once, in the SQLite project.
const each = process.env.TEST_DB === 'postgres' ? it.skip.each : it.each;

each(['SIGTERM', 'SIGINT'] as const)(
  'stops both servers when npm alone gets %s',
  async (signal) => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'community-npm-start-'));
    const child = spawn('npm', ['start'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        FAKE_WECHAT_PORT: '0',
        SQLITE_PATH: path.join(scratch, 'db.sqlite'),
        MEDIA_DIR: path.join(scratch, 'media'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!output.includes('Press Ctrl+C')) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not come up:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const api = /API\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      const fake = /Fake WeChat\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(output)![1]!;
      expect((await fetch(`${api}/health`)).status).toBe(200);

      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill(signal);
      await exited;
      const stopDeadline = Date.now() + 10_000;
      while (!((await refuses(`${api}/health`)) && (await refuses(fake)))) {
        if (Date.now() > stopDeadline) throw new Error(`a server still answers after npm exited on ${signal}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
  90_000,
);
