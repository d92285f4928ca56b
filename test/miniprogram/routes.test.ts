/**
 * @jest-environment node
 *
 * routes.ts is the one definition of the page paths: it must name exactly the pages app.json
 * registers, and the tab pages it reaches with switchTab must be app.json's tab bar.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Loaded at run time: routes.ts compiles in the wx world (test/tsconfig.json has Node's types, not wx's). */
const routes = require('../../miniprogram/routes') as Record<string, unknown> & {
  FORUM_PAGE: string;
  ME_PAGE: string;
  postUrl(postId: number): string;
};

const appJson = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'miniprogram', 'app.json'), 'utf8')) as {
  pages: string[];
  tabBar: { list: { pagePath: string }[] };
};

const pagePaths = Object.entries(routes)
  .filter(([name, value]) => name.endsWith('_PAGE') && typeof value === 'string')
  .map(([, value]) => (value as string).slice(1));

it('defines every page app.json registers, and nothing else', () => {
  expect(pagePaths.sort()).toEqual([...appJson.pages].sort());
});

it('the tab pages are app.json tab bar pages', () => {
  expect(appJson.tabBar.list.map((tab) => `/${tab.pagePath}`).sort()).toEqual([routes.FORUM_PAGE, routes.ME_PAGE].sort());
});

it('builds a post URL with its id', () => {
  expect(routes.postUrl(12)).toBe('/pages/post/index?id=12');
});
