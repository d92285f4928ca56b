/** `npm install` runs tools/pack-npm: the mini program's npm packages must be built and loadable. */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const dependencies = Object.keys(
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).dependencies as Record<string, string>,
);

it.each(dependencies)('miniprogram_npm holds %s with its main module', (name) => {
  const dir = path.join(root, 'miniprogram', 'miniprogram_npm', name);
  expect(fs.existsSync(path.join(dir, 'index.js'))).toBe(true);
  expect(fs.statSync(path.join(dir, 'index.js')).size).toBeGreaterThan(1000);
});
