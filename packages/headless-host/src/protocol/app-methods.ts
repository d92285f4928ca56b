/** App.*: the page stack, wx APIs (navigation included), mocks, evaluate, logs and bindings. */
import { toWire } from './data-path';
import { DEVTOOLS_ONLY, NO_PIXELS, NotSupportedHeadless, ProtocolError } from './errors';
import type { HostContext, MethodHandler, Params } from './context';
import { callWxApi, errorMessage } from './wx-api-call';
import { compileFunction, type MockSpec } from './wx-mocks';

function currentPageInfo(context: HostContext) {
  return context.pages.info(context.host.currentPage());
}

async function evaluate(context: HostContext, params: Params): Promise<unknown> {
  if (typeof params.functionDeclaration !== 'string') throw new ProtocolError('App.callFunction: functionDeclaration is required');
  const fn = compileFunction(params.functionDeclaration);
  const args = Array.isArray(params.args) ? params.args : [];
  let result: unknown;
  try {
    result = await fn(...args);
  } catch (error: unknown) {
    throw new ProtocolError(`App.callFunction: the function threw: ${errorMessage(error)}`);
  }
  await context.host.settle();
  return toWire(result);
}

export const appMethods: Record<string, MethodHandler> = {
  'App.getCurrentPage': (context) => currentPageInfo(context),
  'App.getPageStack': (context) => ({ pageStack: context.host.stack().map((page) => context.pages.info(page)) }),
  'App.callWxMethod': async (context, params) => {
    if (params.pluginId !== undefined) throw new NotSupportedHeadless('App.callWxMethod for plugins', 'the headless host runs no plugins');
    const method = String(params.method ?? '');
    const result = await callWxApi(context.wxFake.wx, method, Array.isArray(params.args) ? params.args : []);
    await context.host.settle();
    return { result: toWire(result) };
  },
  'App.mockWxMethod': (context, params) => {
    if (params.pluginId !== undefined) throw new NotSupportedHeadless('App.mockWxMethod for plugins', 'the headless host runs no plugins');
    context.mocks.apply(params as unknown as MockSpec);
    return {};
  },
  'App.callFunction': async (context, params) => ({ result: await evaluate(context, params) }),
  'App.enableLog': (context) => {
    context.enableLog();
    return {};
  },
  'App.addBinding': (context, params) => {
    const name = params.name;
    if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) throw new ProtocolError('App.addBinding: name must be an identifier');
    (globalThis as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      context.emit('App.bindingCalled', { name, args: toWire(args) });
    return {};
  },
  // miniProgram.close() sends App.exit, then Tool.close; the pages stay until the host stops.
  'App.exit': () => ({}),
  'App.captureScreenshot': () => {
    throw new NotSupportedHeadless('App.captureScreenshot (miniProgram.screenshot)', NO_PIXELS);
  },
  'App.getUnhandledRejections': () => {
    throw new NotSupportedHeadless('App.getUnhandledRejections', DEVTOOLS_ONLY);
  },
};
