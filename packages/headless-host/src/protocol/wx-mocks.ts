/**
 * App.mockWxMethod: replace a `wx` API for the rest of the session, as DevTools does.
 * - `{method, result}`: the API answers `result` (async APIs: through success/then).
 * - `{method, functionDeclaration, args}`: the function runs in the mini program's context with
 *   the API's first argument followed by `args`, `this.origin` being the real API; for async APIs
 *   a returned promise settles the call (rejecting = fail), and `undefined` means the function
 *   called the callbacks itself.
 * - `{method}` alone restores the real API.
 * A dotted method (`cloud.callFunction`) mocks a method of a wx object (`wx.cloud`).
 */
import { ProtocolError } from './errors';
import { errorMessage, isSynchronousApi } from './wx-api-call';

type AnyFunction = (...args: unknown[]) => unknown;

export interface MockSpec {
  method: string;
  result?: unknown;
  functionDeclaration?: string;
  args?: unknown[];
}

export function compileFunction(declaration: string): AnyFunction {
  let compiled: unknown;
  try {
    compiled = new Function(`return (${declaration});`)();
  } catch (error: unknown) {
    throw new ProtocolError(`functionDeclaration does not compile: ${errorMessage(error)}`);
  }
  if (typeof compiled !== 'function') throw new ProtocolError('functionDeclaration must be a function');
  return compiled as AnyFunction;
}

export class WxMocks {
  private readonly originals = new Map<string, unknown>();

  constructor(
    private readonly wx: Record<string, unknown>,
    /** Counts a mocked async call as pending work, so the host settles until it has answered. */
    private readonly track: <T>(label: string, work: Promise<T>) => Promise<T>,
  ) {}

  apply(spec: MockSpec): void {
    const { method } = spec;
    if (typeof method !== 'string' || !method) throw new ProtocolError('App.mockWxMethod: method is required');
    if (!('result' in spec) && spec.functionDeclaration === undefined) {
      this.restore(method);
      return;
    }
    const [owner, key] = this.target(method);
    if (!this.originals.has(method)) this.originals.set(method, owner[key]);
    const original = this.originals.get(method);
    const origin = typeof original === 'function' ? (original as AnyFunction).bind(owner) : undefined;
    const produce: (callArgs: unknown[]) => unknown =
      spec.functionDeclaration !== undefined
        ? (
            (fn) => (callArgs) =>
              fn.call({ origin }, callArgs[0], ...(spec.args ?? []))
          )(compileFunction(spec.functionDeclaration))
        : () => structuredClone(spec.result);
    const fromResult = 'result' in spec;
    owner[key] = isSynchronousApi(key)
      ? (...callArgs: unknown[]) => produce(callArgs)
      : (...callArgs: unknown[]) => this.answerAsync(method, callArgs, produce, fromResult);
  }

  /** The object holding the method and its key: `wx` itself, or `wx.cloud` for `cloud.callFunction`. */
  private target(method: string): [Record<string, unknown>, string] {
    const parts = method.split('.');
    const key = parts.pop() as string;
    let owner: Record<string, unknown> = this.wx;
    for (const part of parts) {
      const next = owner[part];
      if (next === null || typeof next !== 'object') throw new ProtocolError(`App.mockWxMethod: wx.${parts.join('.')} is not an object`);
      owner = next as Record<string, unknown>;
    }
    return [owner, key];
  }

  restore(method: string): void {
    if (!this.originals.has(method)) return;
    const [owner, key] = this.target(method);
    owner[key] = this.originals.get(method);
    this.originals.delete(method);
  }

  restoreAll(): void {
    for (const method of [...this.originals.keys()]) this.restore(method);
  }

  private answerAsync(method: string, callArgs: unknown[], produce: (callArgs: unknown[]) => unknown, fromResult: boolean): unknown {
    const options = callArgs[0] !== null && typeof callArgs[0] === 'object' ? (callArgs[0] as Record<string, AnyFunction | unknown>) : {};
    const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof options[key] === 'function');
    let produced: unknown;
    try {
      produced = produce(callArgs);
    } catch (error: unknown) {
      produced = Promise.reject(error);
    }
    if (!fromResult && produced === undefined) return undefined;
    const call = (name: string, value: unknown) => {
      const fn = options[name];
      if (typeof fn === 'function') (fn as AnyFunction)(value);
    };
    const settled = this.track(
      `mocked ${method}`,
      Promise.resolve(produced).then(
        (result) => {
          call('success', result);
          call('complete', result);
          return result;
        },
        (error: unknown) => {
          const failure = {
            errMsg:
              error !== null && typeof error === 'object' && 'errMsg' in error
                ? errorMessage(error)
                : `${method}:fail ${errorMessage(error)}`,
          };
          call('fail', failure);
          call('complete', failure);
          throw failure;
        },
      ),
    );
    if (hasCallbacks) {
      settled.catch(() => undefined);
      return undefined;
    }
    return settled;
  }
}
