/**
 * Builds miniprogram/miniprogram_npm from the root package.json's `dependencies`, the way
 * DevTools' "构建 npm" does, but offline and without DevTools: runs after every `npm install`
 * so a fresh clone opens in DevTools (or the headless test host) with its npm packages ready.
 */
import path from 'node:path';
import { packNpmManually } from 'miniprogram-ci';

const root = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const result = await packNpmManually({
    packageJsonPath: path.join(root, 'package.json'),
    miniprogramNpmDistDir: path.join(root, 'miniprogram'),
  });
  for (const warning of result.warnList) console.warn('[pack-npm]', JSON.stringify(warning));
  console.log(
    `[pack-npm] miniprogram/miniprogram_npm: ${result.miniProgramPackNum} mini program packages, ${result.otherNpmPackNum} other packages`,
  );
}

main().catch((error: unknown) => {
  console.error('[pack-npm] failed to build miniprogram_npm:', error);
  process.exit(1);
});
