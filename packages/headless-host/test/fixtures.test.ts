/**
 * The host on project shapes real mini programs have (test/fixtures): every page of every fixture
 * opens, through the real miniprogram-automator client.
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, startHost, type RunningHost } from './host-process';

function appPages(project: string): string[] {
  const config = path.join(project, 'project.config.json');
  const named = fs.existsSync(config) ? (JSON.parse(fs.readFileSync(config, 'utf8')) as { miniprogramRoot?: string; srcMiniprogramRoot?: string }) : {};
  const root = path.join(project, named.srcMiniprogramRoot ?? named.miniprogramRoot ?? '');
  const app = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as { pages: string[]; subpackages?: { root: string; pages: string[] }[]; subPackages?: { root: string; pages: string[] }[] };
  const subs = app.subpackages ?? app.subPackages ?? [];
  return [...app.pages, ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
}

const SHAPES = ['js-root'];

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
    expect((await page!.$$('view')).length).toBeGreaterThan(0);
  });
});
