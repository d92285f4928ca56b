/**
 * `npm run bench`: figures the project promises to keep, measured rather than asserted in unit
 * tests. Prints a report; exits non-zero only when a hard platform limit is exceeded.
 */
import path from 'node:path';
import { MAIN_PACKAGE_LIMIT_BYTES, measurePackage } from './package-size';

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
}

main();
