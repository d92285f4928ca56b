/**
 * Runs render-pages.ts in a child process (tsx, from this kit's own node_modules) and reads its
 * answer. Asynchronous on purpose: the review server runs in this process and must keep
 * answering the child's requests while we wait.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RenderJob, RenderResult } from './render-job';

const RENDER_SCRIPT = path.join(__dirname, 'render-pages.ts');
/** Beyond the pages' own settle deadlines: starting tsx, compiling WXML, loading the app. */
const STARTUP_ALLOWANCE_MS = 60_000;

export class RenderFailedError extends Error {
  constructor(readonly detail: string) {
    super(`rendering the pages failed: ${detail}`);
    this.name = 'RenderFailedError';
  }
}

export async function renderInChild(job: RenderJob): Promise<RenderResult> {
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'review-render-'));
  const jobFile = path.join(scratch, 'job.json');
  const outFile = path.join(scratch, 'result.json');
  try {
    await fs.writeFile(jobFile, JSON.stringify(job));
    const tsxCli = require.resolve('tsx/cli');
    const timeout = STARTUP_ALLOWANCE_MS + job.pages.length * (job.settleTimeoutMs + 2_000);
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [tsxCli, RENDER_SCRIPT, jobFile, outFile],
        { timeout, maxBuffer: 16 * 1024 * 1024, cwd: path.dirname(job.miniprogramRoot) },
        (error, _stdout, stderr) => {
          if (!error) return resolve();
          const tail = stderr.trim().split('\n').slice(-15).join('\n');
          reject(new RenderFailedError(error.killed ? `no answer within ${timeout} ms` : tail || error.message));
        },
      );
    });
    return JSON.parse(await fs.readFile(outFile, 'utf8')) as RenderResult;
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}
