/**
 * The headless host's protocol, method by method, over a raw WebSocket: each implemented method
 * answers with the shape miniprogram-automator reads; layout, pixels and DevTools-only features
 * answer with an explicit "not supported headless" error; and a plain automator spec that taps a
 * missing element fails with a message naming the selector and the page.
 */
import type { ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import automator from 'miniprogram-automator';
import { tap } from './support/elements';
import { startHost } from './support/mini-program';

/** The mini program's globals, as functions evaluated in the app see them. */
declare const wx: { showModal(options: { title: string; success: (result: unknown) => void }): void };
declare function getCurrentPages(): unknown[];

interface Reply {
  id: string;
  result?: Record<string, unknown>;
  error?: { message: string };
}
let child: ChildProcess;
let wsEndpoint: string;
let socket: WebSocket;
const events: { method: string; params: Record<string, unknown> }[] = [];
const pending = new Map<string, (reply: Reply) => void>();
let sequence = 0;

function send(method: string, params: Record<string, unknown> = {}): Promise<Reply> {
  const id = `t${++sequence}`;
  socket.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve) => pending.set(id, resolve));
}
async function call(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const reply = await send(method, params);
  if (reply.error) throw new Error(`${method} failed: ${reply.error.message}`);
  return reply.result ?? {};
}
async function failure(method: string, params: Record<string, unknown> = {}): Promise<string> {
  const reply = await send(method, params);
  if (!reply.error) throw new Error(`${method} answered ${JSON.stringify(reply.result)} instead of an error`);
  return reply.error.message;
}
async function pageId(): Promise<number> {
  return (await call('App.getCurrentPage')).pageId as number;
}
async function elementId(selector: string): Promise<string> {
  return (await call('Page.getElement', { pageId: await pageId(), selector })).elementId as string;
}

beforeAll(async () => {
  ({ child, wsEndpoint } = await startHost());
  socket = new WebSocket(wsEndpoint);
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw)) as Reply & { method?: string; params?: Record<string, unknown> };
    if (message.id) pending.get(message.id)?.(message);
    else if (message.method) events.push({ method: message.method, params: message.params ?? {} });
  });
  await new Promise((resolve) => socket.once('open', resolve));
}, 50_000);
afterAll(async () => {
  socket?.close();
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
});

describe('Tool', () => {
  it('getInfo reports a base library version automator accepts', async () => {
    expect(await call('Tool.getInfo')).toEqual(expect.objectContaining({ SDKVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/) }));
  });
  it('getTestAccounts lists the reviewer account of the server it started', async () => {
    const { accounts } = await call('Tool.getTestAccounts');
    expect(accounts).toEqual([expect.objectContaining({ username: 'reviewer', password: expect.any(String), role: 'moderator' })]);
  });
  it('native confirmModal answers an open wx.showModal, and refuses when none is open', async () => {
    expect(await failure('Tool.native', { method: 'confirmModal' })).toMatch(/no wx\.showModal dialog is open/);
    await call('App.callFunction', {
      functionDeclaration: String(() => {
        wx.showModal({ title: '确认删除？', success: (result: unknown) => Object.assign(globalThis, { modalAnswer: result }) });
      }),
      args: [],
    });
    await call('Tool.native', { method: 'confirmModal' });
    const { result } = await call('App.callFunction', {
      functionDeclaration: String(() => (globalThis as unknown as { modalAnswer: unknown }).modalAnswer),
      args: [],
    });
    expect(result).toEqual(expect.objectContaining({ confirm: true, cancel: false }));
  });
});

describe('App', () => {
  it('getCurrentPage and getPageStack describe pages as {pageId, path, query}', async () => {
    const current = await call('App.getCurrentPage');
    expect(current).toEqual({ pageId: expect.any(Number), path: 'pages/forum/index', query: {} });
    expect(await call('App.getPageStack')).toEqual({ pageStack: [current] });
  });
  it('callWxMethod runs sync and async APIs, navigation included, and reports wx errors', async () => {
    await call('App.callWxMethod', { method: 'setStorageSync', args: ['protocol-test', { n: 1 }] });
    expect(await call('App.callWxMethod', { method: 'getStorageSync', args: ['protocol-test'] })).toEqual({ result: { n: 1 } });
    await call('App.callWxMethod', { method: 'navigateTo', args: [{ url: '/pages/agreement/index?from=test' }] });
    expect(await call('App.getCurrentPage')).toEqual(expect.objectContaining({ path: 'pages/agreement/index', query: { from: 'test' } }));
    expect((await call('App.getPageStack')).pageStack).toHaveLength(2);
    await call('App.callWxMethod', { method: 'navigateBack', args: [{ delta: 1 }] });
    expect(await failure('App.callWxMethod', { method: 'navigateTo', args: [{ url: '/pages/missing/index' }] })).toMatch(/not found/);
    expect(await failure('App.callWxMethod', { method: 'noSuchApi', args: [] })).toMatch(/wx\.noSuchApi is not a function/);
  });
  it('mockWxMethod with a result, with a function (this.origin available), and restore', async () => {
    await call('App.mockWxMethod', { method: 'getStorageSync', result: 'mocked' });
    expect(await call('App.callWxMethod', { method: 'getStorageSync', args: ['protocol-test'] })).toEqual({ result: 'mocked' });
    await call('App.mockWxMethod', {
      method: 'getStorageSync',
      functionDeclaration: String(function (this: { origin: (key: string) => unknown }, key: string, suffix: string) {
        return `${JSON.stringify(this.origin(key))}${suffix}`;
      }),
      args: ['!'],
    });
    expect(await call('App.callWxMethod', { method: 'getStorageSync', args: ['protocol-test'] })).toEqual({ result: '{"n":1}!' });
    await call('App.mockWxMethod', { method: 'getStorageSync' });
    expect(await call('App.callWxMethod', { method: 'getStorageSync', args: ['protocol-test'] })).toEqual({ result: { n: 1 } });

    await call('App.mockWxMethod', { method: 'getNetworkType', result: { networkType: 'none' } });
    expect(await call('App.callWxMethod', { method: 'getNetworkType', args: [{}] })).toEqual({ result: { networkType: 'none' } });
    await call('App.mockWxMethod', { method: 'getNetworkType' });
  });
  it('callFunction evaluates in the app (getApp, getCurrentPages, wx) and awaits promises', async () => {
    const { result } = await call('App.callFunction', {
      functionDeclaration: String(async (n: number) => getCurrentPages().length + n),
      args: [10],
    });
    expect(result).toBe(11);
    expect(
      await failure('App.callFunction', {
        functionDeclaration: String(() => {
          throw new Error('boom');
        }),
        args: [],
      }),
    ).toMatch(/the function threw: boom/);
  });
  it('enableLog forwards the console as App.logAdded; addBinding calls come back as App.bindingCalled', async () => {
    await call('App.enableLog');
    await call('App.addBinding', { name: 'reportToSpec' });
    await call('App.callFunction', {
      functionDeclaration: String(() => {
        console.log('hello from the app', 42);
        (globalThis as unknown as { reportToSpec: (...a: unknown[]) => void }).reportToSpec('done', 1);
      }),
      args: [],
    });
    expect(events).toContainEqual({ method: 'App.logAdded', params: { type: 'log', args: ['hello from the app', 42] } });
    expect(events).toContainEqual({ method: 'App.bindingCalled', params: { name: 'reportToSpec', args: ['done', 1] } });
  });
});

describe('Page', () => {
  it('getElement / getElements answer {elementId, tagName} and a nodeId for custom components', async () => {
    const id = await pageId();
    const pinned = await call('Page.getElement', { pageId: id, selector: '.forum__pinned' });
    expect(pinned).toEqual({ elementId: expect.any(String), tagName: 'view' });
    const { elements } = await call('Page.getElements', { pageId: id, selector: '.forum__pinned .forum__card' });
    expect(elements).toEqual(expect.arrayContaining([{ elementId: expect.any(String), tagName: 'post-card', nodeId: expect.any(String) }]));
    expect(await call('Page.getElement', { pageId: id, selector: '.forum__pinned' })).toEqual(pinned);
    expect(await call('Page.getElements', { pageId: id, selector: '.nothing-here' })).toEqual({ elements: [] });
    // Tag selectors, as DevTools accepts them: a custom component's tag, and a built-in one's.
    expect(
      ((await call('Page.getElements', { pageId: id, selector: 'post-card' })) as { elements: unknown[] }).elements.length,
    ).toBeGreaterThan(0);
    expect(await call('Page.getElement', { pageId: id, selector: 'view' })).toEqual({ elementId: expect.any(String), tagName: 'view' });
  });
  it('a missing element or an unsupported selector is named in the error', async () => {
    const id = await pageId();
    expect(await failure('Page.getElement', { pageId: id, selector: '#missing' })).toBe(
      'Page.getElement: no element matches "#missing" on pages/forum/index',
    );
    expect(await failure('Page.getElement', { pageId: id, selector: '[data-x]' })).toMatch(
      /"\[data-x\]" .*not a selector the headless host can match/,
    );
    expect(await failure('Page.getElement', { pageId: 9999, selector: '.forum' })).toMatch(/page 9999 is no longer open/);
  });
  it('getData, setData and callMethod', async () => {
    const id = await pageId();
    expect((await call('Page.getData', { pageId: id, path: 'pinned[0].title' })).data).toBe('欢迎来到社区');
    await call('Page.setData', { pageId: id, data: { activeBoardId: 0 } });
    expect((await call('Page.getData', { pageId: id })).data).toEqual(expect.objectContaining({ activeBoardId: 0 }));
    expect(await call('Page.callMethod', { pageId: id, method: 'onPullDownRefresh', args: [] })).toEqual({ result: null });
    expect(await failure('Page.callMethod', { pageId: id, method: 'noSuchMethod', args: [] })).toMatch(/has no method "noSuchMethod"/);
  });
  it('getWindowProperties reads the window, but not layout', async () => {
    const id = await pageId();
    expect(await call('Page.getWindowProperties', { pageId: id, names: ['document.readyState'] })).toEqual({ properties: ['complete'] });
    expect(await failure('Page.getWindowProperties', { pageId: id, names: ['document.documentElement.scrollWidth'] })).toMatch(
      /is not supported headless: .*no layout/,
    );
  });
});

describe('Element', () => {
  it('getWXML, getAttributes, getDOMProperties and getProperties', async () => {
    const card = await elementId('.forum__pinned .forum__card');
    const outer = (await call('Element.getWXML', { elementId: card, type: 'outer' })).wxml as string;
    expect(outer).toMatch(/^<post-card[^>]*><view class="post-card" id="post-\d+">/);
    expect((await call('Element.getWXML', { elementId: card, type: 'inner' })).wxml).toMatch(/^<view class="post-card"/);
    expect(await call('Element.getAttributes', { elementId: card, names: ['class', 'id'] })).toEqual({
      attributes: ['forum__card', expect.stringMatching(/^pinned-\d+$/)],
    });
    expect((await call('Element.getDOMProperties', { elementId: card, names: ['innerText'] })).properties).toEqual([
      expect.stringContaining('欢迎来到社区'),
    ]);
    const { properties } = await call('Element.getProperties', { elementId: card, names: ['__propPublic', 'post'] });
    expect(properties).toEqual([expect.objectContaining({ post: true }), expect.objectContaining({ title: '欢迎来到社区' })]);
  });
  it('custom components: getElement inside, getData, setData, callMethod; built-ins refuse the custom-only ones', async () => {
    const popup = await elementId('#privacy-popup');
    expect((await call('Element.getData', { elementId: popup, path: 'pending' })).data).toBe(false);
    await call('Element.setData', { elementId: popup, data: { pageVisible: true } });
    expect(await call('Element.getElements', { elementId: popup, selector: '.privacy-popup' })).toEqual({ elements: [] });
    const card = await elementId('.forum__pinned .forum__card');
    expect(await call('Element.getElement', { elementId: card, selector: '.post-card__title' })).toEqual({
      elementId: expect.any(String),
      tagName: 'text',
    });
    expect(await failure('Element.getData', { elementId: await elementId('.forum__pinned'), path: 'x' })).toMatch(
      /<view> is not a custom component/,
    );
    expect(await failure('Element.callMethod', { elementId: popup, method: 'nope', args: [] })).toMatch(
      /<privacy-popup> has no method "nope"/,
    );
  });
  it('tap navigates like a finger would, and an element from a closed page is refused clearly', async () => {
    const card = await elementId('.forum__pinned .forum__card');
    const inner = (await call('Element.getElement', { elementId: card, selector: '.post-card' })).elementId;
    const pinnedView = await elementId('.forum__pinned');
    await call('Element.tap', { elementId: inner });
    expect((await call('App.getCurrentPage')).path).toBe('pages/post/index');
    // The forum is a tab page kept alive underneath, so its elements are still there…
    expect(await call('Element.getAttributes', { elementId: pinnedView, names: ['class'] })).toEqual({ attributes: ['forum__pinned'] });
    // …while an element of a page that closed is refused with a way forward.
    const input = await elementId('#reply-input');
    await call('App.callWxMethod', { method: 'navigateBack', args: [{ delta: 1 }] });
    expect(await failure('Element.tap', { elementId: input })).toMatch(/is no longer on pages\/post\/index: .*query it again/);
  });
  it('input.input types, triggerEvent and touch events dispatch, and getDOMProperties value reads back', async () => {
    await call('App.callWxMethod', { method: 'navigateTo', args: [{ url: '/pages/login/index' }] });
    const username = await elementId('.login__username');
    expect(await call('Element.callFunction', { elementId: username, functionName: 'input.input', args: ['reviewer'] })).toEqual({
      result: null,
    });
    expect((await call('Page.getData', { pageId: await pageId(), path: 'username' })).data).toBe('reviewer');
    expect(await call('Element.getDOMProperties', { elementId: username, names: ['value'] })).toEqual({ properties: ['reviewer'] });
    await call('Element.triggerEvent', { elementId: username, type: 'input', detail: { value: 'other' } });
    expect((await call('Page.getData', { pageId: await pageId(), path: 'username' })).data).toBe('other');
    expect(await call('Element.touchstart', { elementId: username, touches: [{ x: 1, y: 1 }], changedTouches: [{ x: 1, y: 1 }] })).toEqual(
      {},
    );
    expect(await call('Element.touchend', { elementId: username, touches: [], changedTouches: [{ x: 1, y: 1 }] })).toEqual({});
    expect(await failure('Element.callFunction', { elementId: username, functionName: 'input.nope', args: [] })).toMatch(
      /unknown function "input.nope"/,
    );
    await call('App.callWxMethod', { method: 'navigateBack', args: [{ delta: 1 }] });
  });
});

describe('what cannot be real headless answers explicitly', () => {
  const unsupported: [string, Record<string, unknown>][] = [
    ['App.captureScreenshot', {}],
    ['Element.getStyles', { names: ['color'] }],
    ['Element.getOffset', {}],
    ['Element.getDOMProperties', { names: ['offsetWidth', 'offsetHeight'] }],
    ['Element.callFunction', { functionName: 'scroll-view.scrollTo', args: [0, 100] }],
    ['Element.callContextMethod', { method: 'play', args: [] }],
    ['Page.getElementByXpath', { selector: '//view' }],
    ['Tool.stopAudits', {}],
    ['Tool.enableRemoteDebug', {}],
    ['Tool.native', { method: 'shareConfirm' }],
  ];
  it.each(unsupported)('%s', async (method, params) => {
    const target = method.startsWith('Element.')
      ? { elementId: await elementId('.forum__pinned') }
      : method.startsWith('Page.')
        ? { pageId: await pageId() }
        : {};
    expect(await failure(method, { ...target, ...params })).toMatch(/ is not supported headless: /);
  });
  it('an unknown method says so', async () => {
    expect(await failure('App.teleport')).toMatch(/unknown method App\.teleport: the headless host does not implement it/);
  });
});

describe('a plain automator spec', () => {
  it('that taps a missing element fails with a message naming the selector and the page', async () => {
    const miniProgram = await automator.connect({ wsEndpoint });
    const page = await miniProgram.currentPage();
    if (!page) throw new Error('no page');
    await expect(tap(page, '#no-such-button')).rejects.toThrow(
      /^no element matches "#no-such-button" on page pages\/forum\/index \(data: \{/,
    );
    miniProgram.disconnect();
  });
});
