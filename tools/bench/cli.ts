/**
 * `npm run bench`: figures the project promises to keep, measured rather than asserted in unit
 * tests. Prints a report; exits non-zero only when a hard platform limit is exceeded.
 */
import path from 'node:path';
import { runFeedBench } from './feed';
import { MAIN_PACKAGE_LIMIT_BYTES, measurePackage } from 'miniprogram-review-kit/package-size';

const root = path.resolve(__dirname, '..', '..', 'miniprogram');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): void {
  const size = measurePackage(root);
  const share = ((size.totalBytes / MAIN_PACKAGE_LIMIT_BYTES) * 100).toFixed(1);
  console.log('Main package (with miniprogram_npm)');
  console.log(`  total        ${kb(size.totalBytes)} of ${kb(MAIN_PACKAGE_LIMIT_BYTES)} (${share}%), ${size.files} files`);
  console.log(`  npm packages ${kb(size.npmBytes)}`);
  console.log(`  largest      ${size.largest.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')}`);
  if (size.totalBytes > MAIN_PACKAGE_LIMIT_BYTES) {
    console.error('Main package exceeds WeChat\'s 2 MB limit');
    process.exitCode = 1;
  }

  // Headless: the real mini program (app host + wx fake) against the real server, run under jest.
  const feed = runFeedBench(path.resolve(__dirname, '..', '..'));
  const append = feed.append;
  console.log('Forum feed: setData when a page is appended (load more)');
  console.log(`  calls        ${append.calls} (${append.appendedItems} items appended, feed now ${append.feedLength})`);
  console.log(`  bytes        max ${kb(append.maxBytes)}, avg ${kb(append.avgBytes)} (target ≤ ${kb(append.targetBytes)}: ${append.maxBytes <= append.targetBytes ? 'ok' : 'OVER'})`);
  console.log(`  whole list   ${append.wholeListKeys.length ? `re-sent via ${append.wholeListKeys.join(', ')}` : 'never re-sent (feed / feed.items)'}`);
  const critical = feed.criticalPath;
  console.log('Cold start: requests until the first post title renders');
  critical.requests.forEach((r, i) => {
    const state = r.completedBeforeRender ? 'completed before render' : r.startedBeforeRender ? 'in flight at render' : 'after render';
    console.log(`  ${i + 1}. ${r.method.padEnd(4)} ${r.path.padEnd(32)} ${state}`);
  });
  console.log(`  first render ${critical.rendered ? `${critical.firstRenderMs} ms after launch` : 'NOT reached'}; ${critical.completedBeforeRender} of ${critical.startedBeforeRender} started requests had to complete`);
  console.log(`  feed waits for login: ${critical.feedSentBeforeLoginDone === null ? 'no GET /posts seen' : critical.feedSentBeforeLoginDone ? 'no (GET /posts sent before POST /auth/wechat completed)' : 'YES'}`);
}

main();
