/**
 * Jest environment for the headless mini program: jsdom (the DOM miniprogram-simulate renders
 * into, with jsdom's Event/CustomEvent) plus the Node globals the in-process test server needs
 * (fetch with Node's AbortSignal.timeout/any, TextDecoder, setImmediate, timers with unref…), which plain
 * jest-environment-jsdom leaves out. The DOM side is untouched: only names jsdom lacks, or whose
 * jsdom version Node's fetch refuses (AbortController/AbortSignal), come from Node.
 */
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import { TestEnvironment as JsdomEnvironment } from 'jest-environment-jsdom';

const FROM_NODE = [
  'TextEncoder',
  'TextDecoder',
  'setImmediate',
  'clearImmediate',
  // Node's timers (with unref) for the server; jsdom keeps its own internal ones.
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'structuredClone',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
] as const;

export default class JsdomNodeEnvironment extends JsdomEnvironment {
  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    const source = globalThis as unknown as Record<string, unknown>;
    for (const name of FROM_NODE) {
      if (source[name] !== undefined) target[name] = source[name];
    }
  }
}
