/** tools/build-check: WeChat's own compilers over tiny fixture projects, the CLI, and the real mini program. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkMiniprogram, formatReport } from '../../../tools/build-check/build-check';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const temps: string[] = [];

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-check-'));
  temps.push(root);
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  return root;
}

const good = {
  'app.json': '{"pages":["pages/home/index"]}',
  'app.wxss': '@import "styles/theme.wxss";\npage { background: #fff; }\n',
  'styles/theme.wxss': '.muted { color: #999; }\n',
  'pages/home/index.json': '{"usingComponents":{"card":"/components/card/index"}}',
  'pages/home/index.wxml': '<view class="home"><card wx:for="{{items}}" wx:key="id" title="{{item.title}}" /></view>\n',
  'pages/home/index.wxss': '.home { padding: 24rpx; }\n',
  'components/card/index.json': '{"component":true}',
  'components/card/index.wxml': '<view class="card"><text>{{title}}</text></view>\n',
  'components/card/index.wxss': '@import "../../styles/theme.wxss";\n.card { border-radius: 8rpx; }\n',
  // npm output is not ours to check
  'miniprogram_npm/lib/index.wxml': '<view><text></view>',
  'miniprogram_npm/lib/index.wxss': '.broken {',
};

afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

it('passes a good project (imports resolved, miniprogram_npm skipped)', () => {
  const result = checkMiniprogram(project(good));
  expect(result.problems).toEqual([]);
  expect(result.wxmlFiles).toEqual(['components/card/index.wxml', 'pages/home/index.wxml']);
  expect(result.wxssFiles).toHaveLength(4);
  expect(formatReport(result)).toMatch(/^build-check: ok/);
});

it('reports a broken template with its file and position', () => {
  const result = checkMiniprogram(project({ ...good, 'pages/home/index.wxml': '<view>\n  <text>{{title}}</view>\n' }));
  expect(result.problems).toEqual([
    expect.objectContaining({
      kind: 'wxml',
      file: 'pages/home/index.wxml',
      message: expect.stringMatching(/^pages\/home\/index\.wxml:2:\d+: expect end-tag `text`/),
    }),
  ]);
});

it('reports every broken template, not only the first', () => {
  const result = checkMiniprogram(
    project({ ...good, 'pages/home/index.wxml': '<view><text></view>', 'components/card/index.wxml': '<view wx:if="{{a}}"><text></view>' }),
  );
  expect(result.problems.map((p) => p.file).sort()).toEqual(['components/card/index.wxml', 'pages/home/index.wxml']);
});

it('reports a broken stylesheet with its file', () => {
  const result = checkMiniprogram(project({ ...good, 'pages/home/index.wxss': '.home { padding: 24rpx; }\n.x { width: calc(; }\n' }));
  expect(result.problems).toEqual([
    expect.objectContaining({ kind: 'wxss', file: 'pages/home/index.wxss', message: expect.stringContaining('pages/home/index.wxss(2:') }),
  ]);
});

it('reports an unbalanced brace and a missing @import', () => {
  const result = checkMiniprogram(
    project({ ...good, 'app.wxss': '@import "styles/missing.wxss";\n', 'components/card/index.wxss': '.card { color: red;\n' }),
  );
  expect(result.problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'wxss', file: 'app.wxss', message: expect.stringContaining('not found') }),
      expect.objectContaining({ kind: 'wxss', file: 'components/card/index.wxss' }),
    ]),
  );
  expect(result.problems).toHaveLength(2);
});

it('the CLI exits 1 listing each problem with its file, 0 on a good project', () => {
  const cli = path.join(repoRoot, 'tools', 'build-check', 'cli.ts');
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const bad = project({ ...good, 'pages/home/index.wxml': '<view><text></view>', 'pages/home/index.wxss': '.a {' });
  const failed = spawnSync(tsx, [cli, bad], { encoding: 'utf8' });
  expect(failed.status).toBe(1);
  expect(failed.stderr).toContain('pages/home/index.wxml');
  expect(failed.stderr).toContain('pages/home/index.wxss');
  const passed = spawnSync(tsx, [cli, project(good)], { encoding: 'utf8' });
  expect(passed.status).toBe(0);
  expect(passed.stdout).toContain('build-check: ok');
});

it('the real mini program compiles cleanly', () => {
  const result = checkMiniprogram(path.join(repoRoot, 'miniprogram'));
  expect(formatReport(result)).toMatch(/^build-check: ok/);
  expect(result.wxmlFiles).toContain('pages/forum/index.wxml');
});

describe('upload compile (miniprogram-ci, offline)', () => {
  const tiny = {
    'project.config.json':
      '{"miniprogramRoot":"mp/","appid":"touristappid","compileType":"miniprogram","setting":{"useCompilerPlugins":["typescript"],"es6":true,"enhance":true,"minified":true}}',
    'mp/app.json': '{"pages":["pages/home/index"]}',
    'mp/app.ts': 'App({ onLaunch(): void { const a = { ...{ x: 1 } }; console.log(a?.x); } });\n',
    'mp/pages/home/index.json': '{}',
    'mp/pages/home/index.wxml': '<view>{{n}}</view>\n',
    'mp/pages/home/index.ts': 'Page({ data: { n: 1 as number } });\n',
  };
  const cli = path.join(repoRoot, 'tools', 'build-check', 'cli.ts');
  const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');
  const guard = path.join(__dirname, 'network-guard.cjs');

  function run(root: string): { status: number | null; stdout: string; stderr: string; blocked: string } {
    const log = path.join(root, 'network-guard.log');
    fs.writeFileSync(log, '');
    const env = { ...process.env, NODE_OPTIONS: `--require ${guard}`, NETWORK_GUARD_LOG: log };
    const result = spawnSync(tsx, [cli, path.join(root, 'mp')], { encoding: 'utf8', env });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, blocked: fs.readFileSync(log, 'utf8') };
  }

  it('compiles a tiny TypeScript project, reports its size and makes no network connection', () => {
    const result = run(project(tiny));
    expect(result.stderr).not.toContain('network-guard');
    expect(result.blocked).toBe('');
    expect({ status: result.status, stderr: result.stderr }).toMatchObject({ status: 0 });
    expect(result.stdout).toMatch(/compiled size \(upload compile, offline\): main \d+ bytes/);
  }, 240_000);

  it('fails with the file and the compiler error on a syntax error', () => {
    const result = run(project({ ...tiny, 'mp/pages/home/index.ts': 'Page({ data: { n: 1 as number } );\n' }));
    expect(result.blocked).toBe('');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/pages\/home\/index\.ts {2}\[compile\][^\n]*Unexpected token/);
  }, 240_000);
});
