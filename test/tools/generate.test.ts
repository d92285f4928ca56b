/**
 * The generated copies are current: the report sheet and the moderation desk read the contract's
 * labels, and the agreement page and the offline fallback state the community rules exactly as
 * the seeded 社区公约 post does. Edit a source without `npm run generate` and this fails.
 * (Run as a child process: prettier formats the output, and it cannot load inside jest's VM.)
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

it('every generated file is up to date (npm run generate -- --check)', () => {
  const output = execFileSync(tsx, ['tools/generate/cli.ts', '--check'], { cwd: root, encoding: 'utf8' });
  expect(output).toContain('every generated file is up to date');
});
