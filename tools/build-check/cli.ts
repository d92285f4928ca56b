/**
 * `npm run build-check [root]`: compiles every WXML and WXSS of the mini program (default
 * miniprogram/) with WeChat's wcc and wcsc; prints each problem with its file and exits 1 if any.
 */
import path from 'node:path';
import { checkMiniprogram, formatReport } from './build-check';

function main(): void {
  const root = path.resolve(process.argv[2] ?? path.join(__dirname, '..', '..', 'miniprogram'));
  const result = checkMiniprogram(root);
  const report = formatReport(result);
  if (result.problems.length > 0) {
    console.error(report);
    process.exitCode = 1;
  } else {
    console.log(report);
  }
}

try {
  main();
} catch (error: unknown) {
  console.error('build-check: could not run the compilers:', error);
  process.exitCode = 2;
}
