/**
 * `npm run init` on a clean copy of the repository: it rewrites every place that carries the
 * identity and says so, a second run changes nothing, and after renaming again no trace of the
 * first name, AppID or colour is left in user-facing text; the copy still passes the static review
 * and its generated files are current.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runReview } from 'miniprogram-review-kit';

const root = path.resolve(__dirname, '..', '..');
let copy: string;

function run(args: string[]): string {
  return execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['tools/init/cli.ts', ...args], { cwd: copy, encoding: 'utf8' });
}

/** Every text a user can read: the mini program's pages, components, data and config, and the seed. */
function userFacing(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(copy, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm') walk(relative);
      } else if (/\.(ts|wxml|wxss|json)$/.test(entry.name)) {
        files.set(relative, fs.readFileSync(path.join(copy, relative), 'utf8'));
      }
    }
  };
  walk('miniprogram');
  for (const file of ['project.config.json', 'server/src/dev/seed/content.ts', 'server/src/modules/me/reserved-nicknames.ts']) {
    files.set(file, fs.readFileSync(path.join(copy, file), 'utf8'));
  }
  return files;
}

const FIRST = ['--app-name', '青柠邻里', '--appid', 'wx0123456789abcdef', '--brand-color', '#ff7a00'];
const FIRST_PEOPLE = ['--operator', '青柠运营', '--helper', '青柠小帮手', '--community', '青柠邻里'];

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'init-clone-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    const from = path.join(root, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    fs.copyFileSync(from, path.join(copy, file));
  }
  // Tools and the review kit resolve their dependencies as in a clone after npm install.
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  const npm = path.join(root, 'miniprogram', 'miniprogram_npm');
  if (fs.existsSync(npm)) fs.symlinkSync(npm, path.join(copy, 'miniprogram', 'miniprogram_npm'), 'dir');
});
afterAll(() => fs.rmSync(copy, { recursive: true, force: true }));

it('rewrites every place that carries the identity and prints what it changed', () => {
  const output = run([...FIRST, ...FIRST_PEOPLE]);
  for (const file of [
    'miniprogram/app.json',
    'project.config.json',
    'miniprogram/app.wxss',
    'miniprogram/theme.json',
    'server/src/dev/seed/content.ts',
    'miniprogram/pages/agreement/index.wxml',
    'miniprogram/data/seed-articles.ts',
  ]) {
    expect(output).toContain(file);
  }
  const text = userFacing();
  expect(JSON.parse(text.get('miniprogram/app.json') ?? '{}').window.navigationBarTitleText).toBe('青柠邻里');
  expect(JSON.parse(text.get('project.config.json') ?? '{}').appid).toBe('wx0123456789abcdef');
  expect(text.get('miniprogram/app.wxss')).toContain('--color-primary: #ff7a00;');
  expect(text.get('server/src/dev/seed/content.ts')).toContain("nickname: '青柠小帮手'");
  expect(text.get('miniprogram/data/seed-articles.ts')).toContain('欢迎来到青柠邻里');
  expect(text.get('miniprogram/pages/agreement/index.wxml')).toContain('欢迎使用青柠邻里。');
  expect(text.get('server/src/modules/me/reserved-nicknames.ts')).toContain("'青柠运营'");
});

it('changes nothing more when run again with the same values', () => {
  const before = userFacing();
  expect(run([...FIRST, ...FIRST_PEOPLE])).toContain('nothing to change');
  expect(userFacing()).toEqual(before);
});

it('refuses an invalid AppID or colour and changes nothing', () => {
  const before = userFacing();
  expect(() => run(['--appid', 'not-an-appid', '--brand-color', 'red'])).toThrow(/appid .* is not wx/);
  expect(userFacing()).toEqual(before);
});

it('renamed again, no trace of the first identity remains in user-facing text; the copy passes the review', async () => {
  run([
    '--app-name',
    '山海书友会',
    '--appid',
    'wxfedcba9876543210',
    '--brand-color',
    '#3355cc',
    '--operator',
    '书友会运营',
    '--helper',
    '书友会助手',
    '--community',
    '山海书友会',
  ]);
  const traces = [...userFacing()].flatMap(([file, content]) =>
    ['青柠', 'wx0123456789abcdef', '#ff7a00'].filter((old) => content.includes(old)).map((old) => `${file}: ${old}`),
  );
  expect(traces).toEqual([]);
  expect(
    execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['tools/generate/cli.ts', '--check'], { cwd: copy, encoding: 'utf8' }),
  ).toContain('up to date');
  const { findings } = await runReview({ root: copy, mode: 'develop', staticOnly: true, env: {} });
  expect(findings.filter((finding) => finding.severity === 'blocking')).toEqual([]);
}, 60_000);
