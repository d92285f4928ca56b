/**
 * Runs the headless feed bench (feed.bench.ts) under jest's miniprogram project (the app host needs
 * jsdom, which tsx alone does not give) and returns its figures.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeedBenchResult } from './measure';

export function runFeedBench(repoRoot: string): FeedBenchResult {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'feed-bench-')), 'result.json');
  const jest = path.join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
  const run = spawnSync(
    process.execPath,
    [jest, '--selectProjects', 'miniprogram', '--testMatch', '**/tools/bench/*.bench.ts', '--silent'],
    {
      cwd: repoRoot,
      env: { ...process.env, BENCH_OUT: out },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`feed bench failed (exit ${String(run.status)}):\n${run.stdout}\n${run.stderr}`);
  }
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as FeedBenchResult;
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return result;
}
