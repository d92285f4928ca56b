/**
 * The host on project shapes real mini programs have (test/fixtures): every page of every fixture
 * opens, through the real miniprogram-automator client.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, startHost, type RunningHost } from './host-process';

function appPages(project: string): string[] {
  const config = path.join(project, 'project.config.json');
  const named = fs.existsSync(config)
    ? (JSON.parse(fs.readFileSync(config, 'utf8')) as { miniprogramRoot?: string; srcMiniprogramRoot?: string })
    : {};
  const root = path.join(project, named.srcMiniprogramRoot ?? named.miniprogramRoot ?? '');
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as {
    pages: string[];
    subpackages?: { root: string; pages: string[] }[];
    subPackages?: { root: string; pages: string[] }[];
  };
  const subs = app.subpackages ?? app.subPackages ?? [];
  return [...app.pages, ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}

// The review kit's shape fixtures run here too (both tools, unmodified, on each shape); the ones
// that call servers stay out (their requests would leave the machine).
const SHAPES = ['js-root', 'ts-npm', path.join('..', '..', '..', 'review-kit', 'test', 'fixtures', 'shapes', 'claims')];

describe.each(SHAPES)('fixture %s', (shape) => {
  const project = path.join(FIXTURES, shape);
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost(project);
  }, 30_000);
  afterAll(() => host?.stop());

  it.each(appPages(project))('opens %s', async (route) => {
    await host.miniProgram.callWxMethod('reLaunch', { url: `/${route}` });
    const page = await host.miniProgram.currentPage();
    expect(page?.path).toBe(route);
    expect(((await page!.data()) as object) ?? {}).toBeDefined();
  });
});

describe('what the fixtures render', () => {
  let host: RunningHost;
  afterEach(() => host?.stop());

  it('js-root: behaviors, getApp(), an imported template with WXS, an absolute <include>, a relative require', async () => {
    host = await startHost(path.join(FIXTURES, 'js-root'));
    const page = await host.miniProgram.currentPage();
    expect(await (await page!.$('.greeting'))!.text()).toBe('你好');
    expect(await (await page!.$('.card-title'))!.text()).toBe('HELLO');
    expect(await (await page!.$('.footer'))!.text()).toBe('页脚');
    await (await page!.$('.count'))!.tap();
    expect(await page!.data('count')).toBe(1);
    await host.miniProgram.callWxMethod('switchTab', { url: '/pages/logs/logs' });
    const logs = await host.miniProgram.currentPage();
    expect(await (await logs!.$('.log-item'))!.text()).toMatch(/^1\. \d{4}\/\d{2}\/\d{2}$/);
  }, 30_000);

  it('ts-npm: components and a behavior from a committed miniprogram_npm, require.async', async () => {
    host = await startHost(path.join(FIXTURES, 'ts-npm'));
    const page = await host.miniProgram.currentPage();
    expect(await page!.data('summary')).toBe('共 2 条');
    const wxml = await (await page!.$('.home'))!.outerWxml();
    expect(wxml).toContain('共 2 条');
    expect(wxml).toContain('你好，访客');
    expect((await page!.$('greeting'))!.tagName).toBe('greeting');
    expect(await (await page!.$('greeting >>> text'))!.text()).toBe('你好，访客');
    expect(await page!.$$('mp-badge')).toHaveLength(1);
    await host.miniProgram.callWxMethod('navigateTo', { url: '/pages/list/index' });
    expect(await (await (await host.miniProgram.currentPage())!.$('.caption'))!.text()).toBe('共 3 条');
  }, 30_000);
});
