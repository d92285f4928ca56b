/**
 * The page stack WeChat's runtime keeps: loads each route once (its components shared by id),
 * opens a page (render → attach → onLoad(query) → onShow), hides and unloads pages, and performs
 * navigateTo/redirectTo/navigateBack/reLaunch/switchTab with tab pages kept alive.
 *
 * Each route is loaded once per jest module registry and its component id reused (Jest 30 cannot
 * load the same page module twice: simulate's require-cache deletion is a no-op there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { findInMiniprogramNpm } from './script-resolution';
import type { SimRootComponent, SimulateModule } from './simulate';
import type { NavigationKind, WxOptions } from './wx-fake';

export interface HostedPage {
  route: string;
  query: Record<string, string>;
  /** The simulate root component: `.dom`, `.querySelector`, `.instance`, `.data`. */
  component: SimRootComponent;
  container: HTMLElement;
}

export interface SubPackage {
  root: string;
  pages: string[];
  name?: string;
  independent?: boolean;
}

export interface AppJson {
  pages: string[];
  subpackages?: SubPackage[];
  subPackages?: SubPackage[];
  tabBar?: { list: { pagePath: string }[] };
}

/** Every route the router knows: the main package's pages, then each subpackage's (`root/page`), independent ones included. */
export function allRoutes(appJson: AppJson): string[] {
  const subs = appJson.subpackages ?? appJson.subPackages ?? [];
  return [
    ...appJson.pages,
    ...subs.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/^\/|\/$/g, '')}/${page.replace(/^\//, '')}`)),
  ];
}

/** Where an error thrown by the mini program's code happened (`onLaunch`, `pages/x onLoad`, `load pages/x`). */
export type ErrorReporter = (error: unknown, where: string) => void;

export interface PageStack {
  readonly top: HostedPage | undefined;
  stack(): HostedPage[];
  livePages(): HostedPage[];
  navigate(kind: NavigationKind, opts: WxOptions): Promise<void>;
  /** Unloads every page, the stack and the tab pages kept alive. */
  unloadAll(): void;
}

const STACK_LIMIT = 10;
const routeIds = new Map<string, string>();
/** Component file → simulate id, and tag → id, shared by every page of the jest file. */
const sharedComponents = new Map<string, string>();
const sharedTags: Record<string, string> = {};

export function parseUrl(url: string, from: string | undefined): { route: string; query: Record<string, string> } {
  const [rawPath, rawQuery = ''] = url.split('?', 2);
  let route: string;
  if (rawPath.startsWith('/')) route = rawPath.slice(1);
  else route = from ? path.posix.normalize(path.posix.join(path.posix.dirname(from), rawPath)) : rawPath;
  const query: Record<string, string> = {};
  // WeChat hands query values to onLoad as written (no decoding).
  for (const pair of rawQuery.split('&').filter(Boolean)) {
    const index = pair.indexOf('=');
    query[index < 0 ? pair : pair.slice(0, index)] = index < 0 ? '' : pair.slice(index + 1);
  }
  return { route, query };
}

export function callIfFunction(target: Record<string, unknown>, name: string, ...args: unknown[]): unknown {
  const fn = target[name];
  return typeof fn === 'function' ? (fn as (...a: unknown[]) => unknown).apply(target, args) : undefined;
}

export function createPageStack(
  sim: SimulateModule,
  rootPath: string,
  appJson: AppJson,
  ensureApp: () => void,
  report: ErrorReporter,
  warn: (line: string) => void = () => undefined,
): PageStack {
  const warned = new Set<string>();
  const warnOnce = (line: string) => {
    if (warned.has(line)) return;
    warned.add(line);
    warn(line);
  };
  const tabPages = (appJson.tabBar?.list ?? []).map((item) => item.pagePath);
  const routes = new Set(allRoutes(appJson));
  /** A lifecycle hook that throws is reported (WeChat logs it and keeps the page), not fatal. */
  const lifecycle = (page: { route: string; component: SimRootComponent }, name: string, ...args: unknown[]) => {
    try {
      callIfFunction(page.component.instance, name, ...args);
    } catch (error) {
      report(error, `${page.route} ${name}`);
    }
  };
  let stack: HostedPage[] = [];
  const aliveTabs = new Map<string, HostedPage>();

  /**
   * Custom components used by several pages are loaded once and shared by id: simulate re-runs a
   * component's module for every page that uses it, and under Jest 30 a module runs only once
   * (catch 1), so the second page would get an empty, unknown tag instead of the component.
   */
  function loadComponentTree(file: string): Record<string, string> {
    const json = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      const componentFile = resolveComponent(file, tag, target);
      if (!componentFile) continue;
      const known = sharedComponents.get(componentFile);
      if (known) {
        sharedTags[tag] = known;
        continue;
      }
      loadComponentTree(componentFile);
      const id = sim.load(componentFile, tag, { compiler: 'official', rootPath, usingComponents: { ...sharedTags } });
      sharedComponents.set(componentFile, id);
      sharedTags[tag] = id;
    }
    return { ...sharedTags };
  }

  /** Loads a route's module, template and components (once); a failure names the page and what broke. */
  function loadPage(route: string): string {
    try {
      return componentId(route);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(`page "${route}" is not found`)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      report(error, `load ${route}`);
      throw new Error(`page "${route}" failed to load: ${reason}`, { cause: error });
    }
  }

  /**
   * A `usingComponents` path as WeChat resolves it: `/x` from the root, `./x`/`../x` (or a bare
   * path that exists) from the file, otherwise from `miniprogram_npm` (`pkg/button/button`, or a
   * package folder's `index`). `plugin://` components cannot run headless: reported once, the tag
   * stays empty. A component that cannot be found is reported too (WeChat refuses to compile).
   */
  function resolveComponent(file: string, tag: string, target: string): string | undefined {
    const asComponent = (base: string) =>
      fs.existsSync(`${base}.json`) ? base : fs.existsSync(path.join(base, 'index.json')) ? path.join(base, 'index') : undefined;
    const where = path.relative(rootPath, file).split(path.sep).join('/');
    if (target.startsWith('plugin://') || target.startsWith('plugin-private://')) {
      warnOnce(`${where}: <${tag}> is a plugin component (${target}): plugins are not supported headless, the tag renders empty`);
      return undefined;
    }
    const found = target.startsWith('/')
      ? asComponent(path.join(rootPath, target))
      : target.startsWith('.')
        ? asComponent(path.join(path.dirname(file), target))
        : (asComponent(path.join(path.dirname(file), target)) ?? findInMiniprogramNpm(target, path.dirname(file), rootPath, asComponent));
    if (!found) {
      const extended = target.startsWith('weui-miniprogram/')
        ? ' (the WeUI extended library, useExtendedLib, is not bundled headless: add weui-miniprogram to package.json and build npm)'
        : '';
      warnOnce(`${where}: <${tag}> uses "${target}", which is not found${extended}; the tag renders empty`);
    }
    return found;
  }

  let appComponentsLoaded = false;
  function componentId(route: string): string {
    const file = path.join(rootPath, route);
    const cached = routeIds.get(file);
    if (cached) return cached;
    if (!routes.has(route)) throw new Error(`page "${route}" is not found`);
    // app.json's usingComponents are global: every page and component may use them.
    if (!appComponentsLoaded) {
      appComponentsLoaded = true;
      loadComponentTree(path.join(rootPath, 'app'));
    }
    const usingComponents = loadComponentTree(file);
    const id = sim.load(file, route.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'page', {
      compiler: 'official',
      rootPath,
      usingComponents,
    });
    routeIds.set(file, id);
    return id;
  }

  function open(route: string, query: Record<string, string>): HostedPage {
    const component = sim.render(componentId(route)) as SimRootComponent | undefined;
    if (!component) throw new Error(`page "${route}" did not register itself: its script never called Page() or Component()`);
    const container = document.createElement('page');
    container.setAttribute('data-route', route);
    document.body.appendChild(container);
    component.attach(container);
    const instance = component.instance;
    instance.route = route;
    instance.options = query;
    const page: HostedPage = { route, query, component, container };
    lifecycle(page, 'onLoad', query);
    show(page);
    return page;
  }
  function show(page: HostedPage): void {
    page.container.hidden = false;
    lifecycle(page, 'onShow');
    page.component.triggerPageLifeTime('show');
  }
  function hide(page: HostedPage): void {
    lifecycle(page, 'onHide');
    page.component.triggerPageLifeTime('hide');
    page.container.hidden = true;
  }
  function unload(page: HostedPage): void {
    lifecycle(page, 'onUnload');
    page.component.detach();
    page.container.remove();
    if (aliveTabs.get(page.route) === page) aliveTabs.delete(page.route);
  }
  const isTab = (route: string) => tabPages.includes(route);
  const top = (): HostedPage | undefined => stack[stack.length - 1];

  async function navigate(kind: NavigationKind, opts: WxOptions): Promise<void> {
    ensureApp();
    if (kind === 'navigateBack') {
      const delta = Math.max(1, typeof opts.delta === 'number' ? opts.delta : 1);
      if (stack.length <= 1) throw new Error('cannot navigate back at first page.');
      const removed = stack.splice(Math.max(1, stack.length - delta));
      for (const page of removed.reverse()) {
        if (isTab(page.route)) hide(page);
        else unload(page);
      }
      show(top() as HostedPage);
      return;
    }
    const url = typeof opts.url === 'string' ? opts.url : '';
    const { route, query } = parseUrl(url, top()?.route);
    if (!routes.has(route)) throw new Error(`page "${route}" is not found`);
    // Load the page before touching the stack: a page whose module fails leaves the stack as it was.
    if (kind !== 'switchTab' || !aliveTabs.has(route)) loadPage(route);
    switch (kind) {
      case 'navigateTo': {
        if (isTab(route)) throw new Error('can not navigateTo a tabbar page');
        if (stack.length >= STACK_LIMIT) throw new Error('webview count limit exceed');
        const current = top();
        if (current) hide(current);
        stack.push(open(route, query));
        return;
      }
      case 'redirectTo': {
        if (isTab(route)) throw new Error('can not redirectTo a tabbar page');
        const current = stack.pop();
        if (current) {
          if (isTab(current.route)) hide(current);
          else unload(current);
        }
        stack.push(open(route, query));
        return;
      }
      case 'switchTab': {
        if (!isTab(route)) throw new Error('can not switch to no-tabBar page');
        const current = top();
        if (current?.route === route && stack.length === 1) return;
        for (const page of stack.splice(0).reverse()) {
          if (isTab(page.route)) {
            if (page === current) hide(page);
          } else {
            unload(page);
          }
        }
        const alive = aliveTabs.get(route);
        if (alive) {
          stack = [alive];
          show(alive);
        } else {
          const page = open(route, query);
          aliveTabs.set(route, page);
          stack = [page];
        }
        return;
      }
      case 'reLaunch': {
        for (const page of stack.splice(0).reverse()) unload(page);
        for (const page of [...aliveTabs.values()]) unload(page);
        aliveTabs.clear();
        const page = open(route, query);
        if (isTab(route)) aliveTabs.set(route, page);
        stack = [page];
        return;
      }
      default:
        throw new Error(`unknown navigation ${String(kind)}`);
    }
  }

  return {
    get top() {
      return top();
    },
    stack: () => [...stack],
    livePages: () => [...new Set([...stack, ...aliveTabs.values()])],
    navigate,
    unloadAll() {
      for (const page of stack.splice(0).reverse()) unload(page);
      for (const page of [...aliveTabs.values()]) unload(page);
      aliveTabs.clear();
    },
  };
}
