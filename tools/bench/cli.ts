/**
 * `npm run bench`: figures the project promises to keep, measured rather than asserted in unit
 * tests. Prints the details, then a goal / measured / verdict table, and exits non-zero when a
 * goal fails. `--quick` (or BENCH_QUICK=1, for CI) runs everything briefly and does not judge
 * timing goals; `--only=client|server` runs one half, `--only=job-drain` only the job queue's drain after an outage; `--profile[=posts|detail|comments|reads|posting]`
 * instead takes a CPU profile of the app under load and summarizes it.
 */
import path from 'node:path';
import { runFeedBench } from './feed';
import { jobDrainGoals, runJobDrainBench } from './job-drain';
import { failedGoals, renderTable, serverGoals, type Goal } from './goals';
import { MAIN_PACKAGE_LIMIT_BYTES, measurePackage } from 'miniprogram-review-kit/package-size';
import { runProfile } from './server/profile';
import { runServerBench } from './server/server-bench';
import { compiledSize } from '../build-check/compiled-size';

const root = path.resolve(__dirname, '..', '..', 'miniprogram');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function clientBench(): Promise<Goal[]> {
  const size = measurePackage(root);
  // What WeChat counts: upload's own compile (miniprogram-ci, offline: ES5, minified).
  const compiledMain = (await compiledSize(path.resolve(root, '..'))).main ?? 0;
  const share = ((compiledMain / MAIN_PACKAGE_LIMIT_BYTES) * 100).toFixed(1);
  console.log('Main package (with miniprogram_npm)');
  console.log(
    `  compiled     ${kb(compiledMain)} of ${kb(MAIN_PACKAGE_LIMIT_BYTES)} (${share}%), as miniprogram-ci compiles it for upload`,
  );
  console.log(`  sources      ${kb(size.totalBytes)}, ${size.files} files (TypeScript transpiled, not minified)`);
  console.log(`  npm packages ${kb(size.npmBytes)}`);
  console.log(`  largest      ${size.largest.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')}`);

  // Headless: the real mini program (app host + wx fake) against the real server, run under jest.
  const feed = runFeedBench(path.resolve(__dirname, '..', '..'));
  const append = feed.append;
  console.log(
    `Forum feed: setData when a page is appended (load more), posts with ${append.imagesPerItem} images and ${append.titleChars}-character titles`,
  );
  console.log(`  calls        ${append.calls} (${append.appendedItems} items appended, feed now ${append.feedLength})`);
  console.log(
    `  bytes        max ${kb(append.maxBytes)}, avg ${kb(append.avgBytes)} (target ≤ ${kb(append.targetBytes)}: ${append.maxBytes <= append.targetBytes ? 'ok' : 'OVER'})`,
  );
  console.log(
    `  whole list   ${append.wholeListKeys.length ? `re-sent via ${append.wholeListKeys.join(', ')}` : 'never re-sent (feed / feed.items)'}`,
  );
  const critical = feed.criticalPath;
  console.log('Cold start: requests until the first post title renders');
  critical.requests.forEach((r, i) => {
    const state = r.completedBeforeRender ? 'completed before render' : r.startedBeforeRender ? 'in flight at render' : 'after render';
    console.log(`  ${i + 1}. ${r.method.padEnd(4)} ${r.path.padEnd(32)} ${state}`);
  });
  console.log(
    `  first render ${critical.rendered ? `${critical.firstRenderMs} ms after launch` : 'NOT reached'}; ${critical.completedBeforeRender} of ${critical.startedBeforeRender} started requests had to complete`,
  );
  console.log(
    `  feed waits for login: ${critical.feedSentBeforeLoginDone === null ? 'no GET /posts seen' : critical.feedSentBeforeLoginDone ? 'no (GET /posts sent before POST /auth/wechat completed)' : 'YES'}`,
  );
  const warm = feed.warmStart;
  console.log(
    `Warm start (last feed in storage): first render ${warm.rendered ? `${warm.firstRenderMs} ms after launch` : 'NOT reached'}, ${warm.completedBeforeRender} of ${warm.startedBeforeRender} started requests completed before it`,
  );

  return [
    {
      goal: 'main package ≤ 2 MB (miniprogram-ci compile for upload)',
      measured: `${kb(compiledMain)} (${share} %)`,
      ok: compiledMain > 0 && compiledMain <= MAIN_PACKAGE_LIMIT_BYTES,
      timing: false,
    },
    {
      goal: `setData per appended page ≤ ${kb(append.targetBytes)} (${append.imagesPerItem} images, ${append.titleChars}-char titles)`,
      measured: `max ${kb(append.maxBytes)}, ${append.wholeListKeys.length ? 'whole list re-sent' : 'list never re-sent'}`,
      ok: append.maxBytes <= append.targetBytes && append.wholeListKeys.length === 0,
      timing: false,
    },
    {
      goal: 'cold start: the feed does not wait for login',
      measured: critical.feedSentBeforeLoginDone ? 'GET /posts sent before login completed' : 'waits',
      ok: critical.rendered && critical.feedSentBeforeLoginDone === true,
      timing: false,
    },
    {
      goal: 'warm start: 0 requests before content',
      measured: warm.rendered ? `${warm.completedBeforeRender} completed before first render` : 'no render',
      ok: warm.rendered && warm.completedBeforeRender === 0,
      timing: false,
    },
  ];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick') || process.env.BENCH_QUICK === '1';
  const only =
    args.find((a) => a.startsWith('--only='))?.split('=')[1] ?? (args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined);
  const profile = args.find((a) => a.startsWith('--profile'));
  if (profile) {
    await runProfile({
      scenario: profile.split('=')[1] ?? 'reads',
      seconds: Number(process.env.BENCH_PROFILE_SECONDS ?? (quick ? 2 : 10)),
    });
    return;
  }
  const goals: Goal[] = [];
  if (only === 'job-drain') goals.push(...jobDrainGoals(await runJobDrainBench()));
  else {
    if (only !== 'server') goals.push(...(await clientBench()));
    if (only !== 'client') goals.push(...serverGoals(await runServerBench({ quick })));
  }
  console.log(`\nGoals (${quick ? 'quick run: timing goals reported, not judged' : 'full run'})`);
  for (const line of renderTable(goals, quick)) console.log(line);
  const failed = failedGoals(goals, quick);
  if (failed.length) {
    console.error(`\n${failed.length} goal(s) failed: ${failed.map((g) => g.goal).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
