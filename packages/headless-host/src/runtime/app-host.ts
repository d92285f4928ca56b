/**
 * A headless app host over miniprogram-simulate: what WeChat's runtime does around pages, so a
 * test can open the real mini program and walk through it. Reads app.json (pages, tabBar), runs
 * app.ts (App()), keeps a page stack (navigateTo/redirectTo/navigateBack/reLaunch/switchTab with
 * tab pages kept alive), calls the page lifecycles simulate leaves out (onLoad(query), onShow,
 * onHide, onUnload, onPullDownRefresh), and `settle()`s until the page's network, timers and
 * nextTicks are done.
 *
 * Each route is loaded once per jest module registry and its component id reused (Jest 30 cannot
 * load the same page module twice: simulate's require-cache deletion is a no-op there).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SimComponent, SimRootComponent, SimulateModule } from './simulate';
import { installedWxFake, type NavigationKind, type WxFake, type WxOptions } from './wx-fake';

export interface HostedPage {
  route: string;
  query: Record<string, string>;
  /** The simulate root component: `.dom`, `.querySelector`, `.instance`, `.data`. */
  component: SimRootComponent;
  container: HTMLElement;
}

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

interface AppJson {
  pages: string[];
  tabBar?: { list: { pagePath: string }[] };
}

interface PageDefinition {
  data?: Record<string, unknown>;
  [key: string]: unknown;
}

const STACK_LIMIT = 10;
const routeIds = new Map<string, string>();
/** Component file → simulate id, and tag → id, shared by every page of the jest file. */
const sharedComponents = new Map<string, string>();
const sharedTags: Record<string, string> = {};
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
  simulate = require('miniprogram-simulate') as SimulateModule;
  // simulate replaced global.wx with its canned stubs: keep them only as a logged fallback.
  fake.adoptFallback(g.wx as Record<string, unknown>);
  g.wx = fake.wx;
  return simulate;
}

function parseUrl(url: string, from: string | undefined): { route: string; query: Record<string, string> } {
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

function callIfFunction(target: Record<string, unknown>, name: string, ...args: unknown[]): unknown {
  const fn = target[name];
  return typeof fn === 'function' ? (fn as (...a: unknown[]) => unknown).apply(target, args) : undefined;
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
  const saved = { App: g.App, getApp: g.getApp, getCurrentPages: g.getCurrentPages, Page: g.Page, setTimeout: g.setTimeout, clearTimeout: g.clearTimeout };

  let stack: HostedPage[] = [];
  const aliveTabs = new Map<string, HostedPage>();
  let app: Record<string, unknown> = {};
  let appLoaded = false;
  let closed = false;

  // Globals the runtime provides --------------------------------------------------------------
  g.App = (definition: unknown) => {
    app = (definition ?? {}) as Record<string, unknown>;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => stack.map((page) => page.component.instance);
  /** Page(): a Component whose methods are the page's functions (cheap and enough for tests). */
  g.Page = (definition: PageDefinition) => {
    const data: Record<string, unknown> = {};
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(definition)) {
      if (key === 'data') Object.assign(data, value);
      else if (typeof value === 'function') methods[key] = value;
      else data[key] = value;
    }
    (g.Component as (options: unknown) => void)({ data, methods });
  };

  // Mini program timers (created from code under rootPath) count as pending work for settle().
  const realSetTimeout = saved.setTimeout as (fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => unknown;
  const realClearTimeout = saved.clearTimeout as (handle: unknown) => void;
  const timerDone = new Map<unknown, () => void>();
  g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
    const stackTrace = new Error().stack ?? '';
    const fromApp = stackTrace.split('\n').slice(2).some((line) => line.includes(rootPath));
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
      require(appModule);
    }
    apps.set(rootPath, app);
  }

  /**
   * Custom components used by several pages are loaded once and shared by id: simulate re-runs a
   * component's module for every page that uses it, and under Jest 30 a module runs only once
   * (catch 1), so the second page would get an empty, unknown tag instead of the component.
   */
  function loadComponentTree(file: string): Record<string, string> {
    const json = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as { usingComponents?: Record<string, string> };
    for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
      const componentFile = target.startsWith('/') ? path.join(rootPath, target) : path.join(path.dirname(file), target);
      if (!fs.existsSync(`${componentFile}.json`)) continue;
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

  function componentId(route: string): string {
    const file = path.join(rootPath, route);
    const cached = routeIds.get(file);
    if (cached) return cached;
    if (!appJson.pages.includes(route)) throw new Error(`page "${route}" is not found`);
    const usingComponents = loadComponentTree(file);
    const id = sim.load(file, route.replace(/[^a-zA-Z0-9]+/g, '-').replace(/^-|-$/g, '') || 'page', { compiler: 'official', rootPath, usingComponents });
    routeIds.set(file, id);
    return id;
  }

  function open(route: string, query: Record<string, string>): HostedPage {
    const component = sim.render(componentId(route));
    const container = document.createElement('page');
    container.setAttribute('data-route', route);
    document.body.appendChild(container);
    component.attach(container);
    const instance = component.instance;
    instance.route = route;
    instance.options = query;
    const page: HostedPage = { route, query, component, container };
    callIfFunction(instance, 'onLoad', query);
    show(page);
    return page;
  }
  function show(page: HostedPage): void {
    page.container.hidden = false;
    callIfFunction(page.component.instance, 'onShow');
    page.component.triggerPageLifeTime('show');
  }
  function hide(page: HostedPage): void {
    callIfFunction(page.component.instance, 'onHide');
    page.component.triggerPageLifeTime('hide');
    page.container.hidden = true;
  }
  function unload(page: HostedPage): void {
    callIfFunction(page.component.instance, 'onUnload');
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
    if (!appJson.pages.includes(route)) throw new Error(`page "${route}" is not found`);
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

  fake.setNavigator({
    navigate,
    async startPullDownRefresh() {
      const page = top();
      if (page) callIfFunction(page.component.instance, 'onPullDownRefresh');
    },
  });

  async function settle(timeoutMs = options.settleTimeoutMs ?? 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let quietRounds = 0;
    // Two quiet rounds in a row: work that finishes often schedules more (setData → nextTick → request).
    while (quietRounds < 2) {
      await new Promise<void>((resolve) => realSetTimeout(() => resolve(), 0));
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
    const page = top();
    if (!page) throw new Error('no page is open: call host.launch() first');
    return page;
  }

  async function wxNavigate(kind: NavigationKind, opts: WxOptions): Promise<void> {
    const result = (fake.wx[kind] as (o: WxOptions) => Promise<unknown>)(opts);
    await result;
    await settle();
  }

  function find(selector: string, page = current()): SimComponent {
    const found = page.component.querySelector(selector);
    if (!found) throw new Error(`no element matches "${selector}" on ${page.route}:\n${page.component.dom?.innerHTML ?? ''}`);
    return found;
  }

  function attribute(element: SimComponent, names: string[]): string | undefined {
    const json = element.toJSON();
    for (const attr of json.attrs) if (names.includes(attr.name) && typeof attr.value === 'string') return attr.value;
    for (const name of names) {
      const value = element.dom?.getAttribute(name);
      if (value) return value;
    }
    return undefined;
  }

  /** What the user typed into each input (by node), for form submission. */
  const typedValues = new WeakMap<object, string>();
  const nodeKey = (element: SimComponent): object => (element as unknown as { _exparserNode: object })._exparserNode;

  /** The simulate wrapper of a rendered DOM node (exparser keeps its node on `__wxElement`). */
  function wrapperOf(dom: Element, like: SimComponent): SimComponent | undefined {
    const node = (dom as unknown as { __wxElement?: object }).__wxElement;
    if (!node) return undefined;
    const Wrapper = like.constructor as new (exparserNode: object) => SimComponent;
    return new Wrapper(node);
  }

  /** `<button form-type="submit">` submits its form with the named fields' values, as WeChat does. */
  function submitEnclosingForm(button: SimComponent): void {
    const formDom = button.dom?.closest('wx-form');
    const form = formDom ? wrapperOf(formDom, button) : undefined;
    if (!formDom || !form) return;
    const value: Record<string, string> = {};
    for (const fieldDom of Array.from(formDom.querySelectorAll('*'))) {
      const field = wrapperOf(fieldDom, button);
      const name = field ? attribute(field, ['name']) : undefined;
      if (!field || !name || name in value) continue;
      value[name] = typedValues.get(nodeKey(field)) ?? attribute(field, ['value']) ?? '';
    }
    form.dispatchEvent('submit', { detail: { value, target: {} } });
  }

  async function tapElement(element: SimComponent): Promise<void> {
    element.dispatchEvent('tap');
    // wcc output names it openType, the simulate compiler open-type (catch 3).
    const openType = attribute(element, ['openType', 'open-type', 'opentype']);
    if (openType === 'agreePrivacyAuthorization') {
      const id = attribute(element, ['id']) ?? '';
      fake.privacy.recordAgreeTap(id);
      element.dispatchEvent('agreeprivacyauthorization', { detail: {} });
    }
    const formType = attribute(element, ['formType', 'form-type', 'formtype']);
    if (formType === 'submit') {
      // The tap handlers run first (events are dispatched on a microtask), then the form submits.
      await new Promise<void>((resolve) => realSetTimeout(() => resolve(), 0));
      submitEnclosingForm(element);
    }
    await settle();
  }

  async function inputElement(element: SimComponent, value: string): Promise<void> {
    typedValues.set(nodeKey(element), value);
    element.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
    await settle();
  }

  const host: AppHost = {
    wxFake: fake,
    pages: appJson.pages,
    tabPages,
    get app() {
      return app;
    },
    async launch(url) {
      ensureApp();
      const entry = url ?? `/${appJson.pages[0]}`;
      const { route, query } = parseUrl(entry, undefined);
      callIfFunction(app, 'onLaunch', { path: route, query, scene: 1001 });
      callIfFunction(app, 'onShow', { path: route, query, scene: 1001 });
      await navigate('reLaunch', { url: entry });
      await settle();
      return current();
    },
    currentPage: current,
    stack: () => [...stack],
    navigateTo: (url) => wxNavigate('navigateTo', { url }),
    redirectTo: (url) => wxNavigate('redirectTo', { url }),
    navigateBack: (delta = 1) => wxNavigate('navigateBack', { delta }),
    reLaunch: (url) => wxNavigate('reLaunch', { url }),
    switchTab: (url) => wxNavigate('switchTab', { url }),
    async pullDownRefresh() {
      await (fake.wx.startPullDownRefresh as (o: WxOptions) => Promise<unknown>)({});
      await settle();
    },
    tap: (selector, page) => tapElement(find(selector, page)),
    input: (selector, value, page) => inputElement(find(selector, page), value),
    tapElement,
    inputElement,
    typedValue: (element) => typedValues.get(nodeKey(element)),
    livePages: () => [...new Set([...stack, ...aliveTabs.values()])],
    find,
    text(selector) {
      const root = selector ? find(selector).dom : current().component.dom;
      return (root?.textContent ?? '').replace(/\s+/g, ' ').trim();
    },
    settle,
    close() {
      if (closed) return;
      closed = true;
      for (const page of stack.splice(0).reverse()) unload(page);
      for (const page of [...aliveTabs.values()]) unload(page);
      aliveTabs.clear();
      fake.setNavigator(undefined);
      for (const done of timerDone.values()) done();
      Object.assign(g, saved);
    },
  };
  return host;
}
