/**
 * @jest-environment node
 *
 * One voice: every text a user reads names the privacy guideline one way (《隐私保护指引》, or
 * 隐私保护指引 as a menu item) and a ban one way (禁言). Scans the mini program and the seed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PRIVACY_GUIDELINE_NAME } from '../../../miniprogram/utils/copy';

const root = path.resolve(__dirname, '..', '..', '..');

function files(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : files(relative);
    return /\.(ts|wxml|json)$/.test(entry.name) ? [relative] : [];
  });
}

const userText = [
  ...files('miniprogram'),
  'server/src/dev/seed/content.ts',
  'server/src/modules/auth/viewer.ts',
  'server/src/modules/media/media.service.ts',
  'server/src/modules/me/profile.service.ts',
  'server/src/modules/moderation/moderation.service.ts',
].map((file) => ({
  file,
  // Comments are for developers (they may name the admin console's 用户隐私保护指引).
  text: fs
    .readFileSync(path.join(root, file), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line))
    .join('\n'),
}));

it('names the privacy guideline one way', () => {
  const names = userText.flatMap(({ file, text }) =>
    [...text.matchAll(/《?[\u4e00-\u9fff]*隐私[\u4e00-\u9fff]*(?:指引|政策)》?/g)].map((m) => `${file}: ${m[0]}`),
  );
  expect(names.length).toBeGreaterThan(0);
  const odd = names.filter((name) => !name.endsWith(`: ${PRIVACY_GUIDELINE_NAME}`) && !name.endsWith(': 隐私保护指引'));
  expect(odd).toEqual([]);
});

it('words a ban one way (禁言)', () => {
  const other = userText.flatMap(({ file, text }) =>
    [...text.matchAll(/限制(?:发言|发布|使用|修改)|封禁/g)].map((m) => `${file}: ${m[0]}`),
  );
  expect(other).toEqual([]);
});
