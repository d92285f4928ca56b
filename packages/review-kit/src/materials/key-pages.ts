/**
 * Up to five key pages for the submission form (页面路径 + 标题): review.config.json `keyPages`,
 * else the tab pages and then the other pages in app.json order, leaving out login pages.
 */
import type { ReviewProject } from '../project';
import { loginPages } from '../source/login-pages';
import { pageJson } from '../source/project-files';

export interface KeyPage {
  route: string;
  label: string;
}

export const MAX_KEY_PAGES = 5;

export function pageLabel(project: ReviewProject, route: string): string {
  const window = project.appJson.window as { navigationBarTitleText?: string } | undefined;
  return (
    pageJson(project, route)?.navigationBarTitleText ??
    project.appJson.tabBar?.list.find((item) => item.pagePath.replace(/^\//, '') === route)?.text ??
    window?.navigationBarTitleText ??
    route
  );
}

export function keyPages(project: ReviewProject): KeyPage[] {
  const logins = new Set(loginPages(project));
  const tabs = project.appJson.tabBar?.list.map((item) => item.pagePath.replace(/^\//, '')) ?? [];
  const routes = project.config.keyPages ?? [...new Set([...tabs, ...project.pages])].filter((route) => !logins.has(route));
  return routes.slice(0, MAX_KEY_PAGES).map((route) => ({ route, label: pageLabel(project, route) }));
}
