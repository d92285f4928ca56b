/**
 * A headless app host over miniprogram-simulate: what WeChat's runtime does around pages, so a
 * test can open the real mini program and walk through it. Reads app.json (pages, tabBar), runs
 * app.ts (App()), installs App/getApp/getCurrentPages/Page, keeps a page stack (page-stack.ts),
 * lets a driver act on elements (element-actions.ts), and `settle()`s until the page's network,
 * timers and nextTicks are done.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElementActions } from './element-actions';
import { allRoutes, callIfFunction, createPageStack, parseUrl, type AppJson, type ErrorReporter, type HostedPage } from './page-stack';
import type { SimComponent, SimulateModule } from './simulate';
import { installedWxFake, type NavigationKind, type WxFake, type WxOptions } from './wx-fake';

export type { HostedPage } from './page-stack';

export interface AppHostOptions {
  /** The mini program root (where app.json is). */
  rootPath: string;
  /** The wx fake, installed with installWxFake() before this host is created. */
  wx?: WxFake;
  /** Default settle() limit. */
  settleTimeoutMs?: number;
  /**
   * Timers longer than this are the app pacing the user (a result shown for 1.5 s before leaving),
   * not work in progress: settle() does not wait for them, so a driver sees what a user sees
   * meanwhile. Default: every timer counts (page tests read the state after them).
   */
  userPacedTimerMs?: number;
  /**
   * Errors thrown by the mini program's own code where WeChat logs them and carries on: app.js
   * itself, `onLaunch`/`onShow`, page lifecycles, a page module that fails to load. The app's
   * `onError` is called as well. Default: rethrow (a jest test fails on the first one).
   */
  onError?: ErrorReporter;
  /** What the host cannot do for this project (plugins, the WeUI extended library, missing components). Default: console.warn. */
  warn?: (line: string) => void;
}

export interface AppHost {
  readonly wxFake: WxFake;
  readonly pages: string[];
  readonly tabPages: string[];
  /** The App() options object, as getApp() returns it (one per root and jest file: app.ts runs once). */
  readonly app: Record<string, unknown>;
  /** Launches the app on a page (default: the first of app.json) and settles. */
  launch(url?: string): Promise<HostedPage>;
  currentPage(): HostedPage;
  stack(): HostedPage[];
  /** Navigations as the app would do them (through wx.*), then settles. */
  navigateTo(url: string): Promise<void>;
  redirectTo(url: string): Promise<void>;
  navigateBack(delta?: number): Promise<void>;
  reLaunch(url: string): Promise<void>;
  switchTab(url: string): Promise<void>;
  pullDownRefresh(): Promise<void>;
  /** Taps the first element matching selector on the current page (open-type buttons included), then settles. */
  tap(selector: string, page?: HostedPage): Promise<void>;
  /** Types into an input/textarea (`input` event with detail.value), then settles. */
  input(selector: string, value: string, page?: HostedPage): Promise<void>;
  /** Element-level actions (the automator host holds elements, not selectors); each settles. */
  tapElement(element: SimComponent): Promise<void>;
  inputElement(element: SimComponent, value: string): Promise<void>;
  /** What was last typed into an input through inputElement/input (undefined if nothing). */
  typedValue(element: SimComponent): string | undefined;
  /** Pages still loaded: the stack plus tab pages kept alive underneath. */
  livePages(): HostedPage[];
  /** Finds an element on the current page or throws with the page's markup. */
  find(selector: string, page?: HostedPage): SimComponent;
  /** Text content of the current page (or of a selector within it), whitespace collapsed. */
  text(selector?: string): string;
  settle(timeoutMs?: number): Promise<void>;
  /** Unloads every page and restores the globals the host changed. */
  close(): void;
}

interface PageDefinition {
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

/** Page() options that are the page component's own (behaviors since base library 2.9.2), not data. */
const PAGE_COMPONENT_OPTIONS = new Set(['behaviors', 'options', 'externalClasses']);

/** App() objects by root: app.ts runs once per module registry, like the pages. */
const apps = new Map<string, Record<string, unknown>>();
let simulate: SimulateModule | undefined;

function loadSimulate(fake: WxFake): SimulateModule {
  if (simulate) return simulate;
  const g = globalThis as unknown as Record<string, unknown>;
  if (g.wx !== fake.wx) throw new Error('install the wx fake (installWxFake) before creating the app host');
  // simulate and its components must see jsdom's Event/CustomEvent, not Node's (catch 6).
  const win = g.window as Record<string, unknown> | undefined;
  if (!win || typeof g.document !== 'object') throw new Error('the app host needs a DOM: run under the miniprogram jest project (jsdom)');
  g.Event = win.Event;
  g.CustomEvent = win.CustomEvent;
  rootRelativeWxmlPaths();
  simulate = require('miniprogram-simulate') as SimulateModule;
  // simulate replaced global.wx with its canned stubs: keep them only as a logged fallback.
  fake.adoptFallback(g.wx as Record<string, unknown>);
  g.wx = fake.wx;
  return simulate;
}

/**
 * WeChat resolves `<import src="/x.wxml">` and `<include src="/x.wxml">` from the mini program
 * root. wcc does so only when its file list is written `./pages/…` (as DevTools passes it), while
 * miniprogram-compiler lists `pages/…` and simulate asks for `pages/….wxml`: compile with `./`
 * paths and accept both spellings.
 */
function rootRelativeWxmlPaths(): void {
  const simulateDir = path.dirname(require.resolve('miniprogram-simulate/package.json'));
  const compiler = require(require.resolve('miniprogram-compiler', { paths: [simulateDir] })) as {
    wxmlToJs(rootPath: string, options?: Record<string, unknown>): string;
    __rootRelative__?: boolean;
  };
  if (compiler.__rootRelative__) return;
  compiler.__rootRelative__ = true;
  const original = compiler.wxmlToJs.bind(compiler);
  const list = (root: string, ext: string) => listUnder(root, ext).map((file) => `./${file}`);
  compiler.wxmlToJs = (rootPath, options = {}) => {
    const code = original(rootPath, {
      ...options,
      wxmlList: options.wxmlList ?? list(rootPath, '.wxml').map((file) => file.slice(0, -'.wxml'.length) + '.wxml'),
      wxsList: options.wxsList ?? list(rootPath, '.wxs'),
    });
    return code.replace(
      /return \$gwx;\s*$/,
      "return function (p, ...rest) { return $gwx(typeof p === 'string' && !p.startsWith('./') && !p.startsWith('/') ? './' + p : p, ...rest); };",
    );
  };
}

/** Files with this extension under root (relative, forward slashes), node_modules excluded. */
function listUnder(root: string, ext: string, dir = root): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listUnder(root, ext, full));
    else if (entry.name.endsWith(ext)) found.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return found;
}

export function createAppHost(options: AppHostOptions): AppHost {
  const installed = options.wx ?? installedWxFake();
  if (!installed) throw new Error('install the wx fake (installWxFake) before creating the app host');
  const fake: WxFake = installed;
  const rootPath = path.resolve(options.rootPath);
  const sim = loadSimulate(fake);
  const appJson = JSON.parse(fs.readFileSync(path.join(rootPath, 'app.json'), 'utf8')) as AppJson;
  const tabPages = (appJson.tabBar?.list ?? []).map((item) => item.pagePath);
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = {
    App: g.App,
    getApp: g.getApp,
    getCurrentPages: g.getCurrentPages,
    Page: g.Page,
    setTimeout: g.setTimeout,
    clearTimeout: g.clearTimeout,
  };

  let app: Record<string, unknown> = {};
  let appLoaded = false;
  const report: ErrorReporter = (error, where) => {
    if (!options.onError) throw error;
    options.onError(error, where);
    try {
      callIfFunction(app, 'onError', error instanceof Error ? (error.stack ?? error.message) : String(error));
    } catch (inner) {
      options.onError(inner, 'onError');
    }
  };
  const guarded = (where: string, fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      report(error, where);
    }
  };
  let closed = false;

  function ensureApp(): void {
    if (appLoaded) return;
    appLoaded = true;
    const known = apps.get(rootPath);
    if (known) {
      app = known;
      return;
    }
    const appModule = path.join(rootPath, 'app');
    if (['.ts', '.js'].some((ext) => fs.existsSync(appModule + ext))) {
      guarded('app.js', () => require(appModule));
    }
    apps.set(rootPath, app);
  }
  const warn = options.warn ?? ((line: string) => console.warn(`[headless-host] ${line}`));
  // An extended library counts as present when its npm package was built into miniprogram_npm.
  const extendedLibs = Object.entries((appJson as { useExtendedLib?: Record<string, unknown> }).useExtendedLib ?? {}).filter(
    ([lib, on]) => on && !fs.existsSync(path.join(rootPath, 'miniprogram_npm', lib === 'weui' ? 'weui-miniprogram' : lib)),
  );
  for (const [lib] of extendedLibs) {
    warn(
      `app.json useExtendedLib.${lib}: extended libraries are not available headless; their components (e.g. weui-miniprogram/…) render empty unless the package is installed and built into miniprogram_npm`,
    );
  }
  const pages = createPageStack(sim, rootPath, appJson, ensureApp, report, warn);

  // Globals the runtime provides --------------------------------------------------------------
  g.App = (definition: unknown) => {
    app = (definition ?? {}) as Record<string, unknown>;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages.stack().map((page) => page.component.instance);
  /** Page(): a Component whose methods are the page's functions (cheap and enough for tests). */
  g.Page = (definition: PageDefinition) => {
    const data: Record<string, unknown> = {};
    const methods: Record<string, unknown> = {};
    const componentOptions: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(definition)) {
      if (key === 'data') Object.assign(data, value);
      else if (PAGE_COMPONENT_OPTIONS.has(key)) componentOptions[key] = value;
      else if (typeof value === 'function') methods[key] = value;
      else data[key] = value;
    }
    (g.Component as (options: unknown) => void)({ ...componentOptions, data, methods });
  };

  // Mini program timers (created from code under rootPath) count as pending work for settle().
  const realSetTimeout = saved.setTimeout as (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  const realClearTimeout = saved.clearTimeout as (handle: unknown) => void;
  const nextMacrotask = () => new Promise<void>((resolve) => realSetTimeout(() => resolve(), 0));
  const timerDone = new Map<unknown, () => void>();
  g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
    const stackTrace = new Error().stack ?? '';
    const fromApp = stackTrace
      .split('\n')
      .slice(2)
      .some((line) => line.includes(rootPath));
    const userPaced = options.userPacedTimerMs !== undefined && (ms ?? 0) > options.userPacedTimerMs;
    if (!fromApp || userPaced || typeof fn !== 'function') return realSetTimeout(fn as () => void, ms, ...args);
    const done = fake.beginWork(`setTimeout(${String(ms ?? 0)})`);
    const handle = realSetTimeout(() => {
      timerDone.delete(handle);
      try {
        (fn as (...a: unknown[]) => void)(...args);
      } finally {
        done();
      }
    }, ms);
    timerDone.set(handle, done);
    return handle;
  };
  g.clearTimeout = (handle: unknown) => {
    timerDone.get(handle)?.();
    timerDone.delete(handle);
    realClearTimeout(handle);
  };

  fake.setNavigator({
    navigate: pages.navigate,
    async startPullDownRefresh() {
      const page = pages.top;
      if (page) guarded(`${page.route} onPullDownRefresh`, () => callIfFunction(page.component.instance, 'onPullDownRefresh'));
    },
  });

  async function settle(timeoutMs = options.settleTimeoutMs ?? 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietRounds = 0;
    // Two quiet rounds in a row: work that finishes often schedules more (setData → nextTick → request).
    while (quietRounds < 2) {
      await nextMacrotask();
      if (fake.inFlight.length === 0) {
        quietRounds += 1;
      } else {
        quietRounds = 0;
        if (Date.now() > deadline) throw new Error(`settle(): still pending after ${timeoutMs} ms: ${fake.inFlight.join(', ')}`);
        await new Promise<void>((resolve) => realSetTimeout(() => resolve(), 5));
      }
    }
  }

  function current(): HostedPage {
    const page = pages.top;
    if (!page) throw new Error('no page is open: call host.launch() first');
    return page;
  }

  async function wxNavigate(kind: NavigationKind, opts: WxOptions): Promise<void> {
    const result = (fake.wx[kind] as (o: WxOptions) => Promise<unknown>)(opts);
    await result;
    await settle();
  }

  const actions = createElementActions({ fake, settle: () => settle(), nextMacrotask });
  const find = (selector: string, page = current()): SimComponent => actions.find(selector, page);

  const host: AppHost = {
    wxFake: fake,
    pages: allRoutes(appJson),
    tabPages,
    get app() {
      return app;
    },
    async launch(url) {
      ensureApp();
      const entry = url ?? `/${appJson.pages[0]}`;
      const { route, query } = parseUrl(entry, undefined);
      guarded('onLaunch', () => callIfFunction(app, 'onLaunch', { path: route, query, scene: 1001 }));
      guarded('onShow', () => callIfFunction(app, 'onShow', { path: route, query, scene: 1001 }));
      await pages.navigate('reLaunch', { url: entry });
      await settle();
      return current();
    },
    currentPage: current,
    stack: pages.stack,
    navigateTo: (url) => wxNavigate('navigateTo', { url }),
    redirectTo: (url) => wxNavigate('redirectTo', { url }),
    navigateBack: (delta = 1) => wxNavigate('navigateBack', { delta }),
    reLaunch: (url) => wxNavigate('reLaunch', { url }),
    switchTab: (url) => wxNavigate('switchTab', { url }),
    async pullDownRefresh() {
      await (fake.wx.startPullDownRefresh as (o: WxOptions) => Promise<unknown>)({});
      await settle();
    },
    tap: (selector, page) => actions.tapElement(find(selector, page)),
    input: (selector, value, page) => actions.inputElement(find(selector, page), value),
    tapElement: actions.tapElement,
    inputElement: actions.inputElement,
    typedValue: actions.typedValue,
    livePages: pages.livePages,
    find,
    text(selector) {
      const root = selector ? find(selector).dom : current().component.dom;
      return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
    },
    settle,
    close() {
      if (closed) return;
      closed = true;
      pages.unloadAll();
      fake.setNavigator(undefined);
      for (const done of timerDone.values()) done();
      Object.assign(g, saved);
    },
  };
  return host;
}
