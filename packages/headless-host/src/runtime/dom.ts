/**
 * A DOM for the headless mini program in a plain Node process (the headless-host CLI, the review
 * kit): miniprogram-simulate renders into jsdom. Under jest the test environment provides this;
 * here we build it ourselves, adding only names Node lacks, so Node's own fetch, timers and
 * AbortSignal keep working for the bridged `wx`.
 */
import { JSDOM } from 'jsdom';

let installed: JSDOM | undefined;

/** Node has these too, but simulate must see jsdom's (headless-testing.md, catch 6). */
const FROM_JSDOM_ALWAYS = ['Event', 'CustomEvent'];

export function installDom(): void {
  if (installed) return;
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' });
  installed = dom;
  const window = dom.window as unknown as Record<string, unknown>;
  const target = globalThis as unknown as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(window)) {
    if (name in target && !FROM_JSDOM_ALWAYS.includes(name)) continue;
    try {
      target[name] = window[name];
    } catch {
      // A few window accessors cannot be read off their window; nothing simulate needs.
    }
  }
  target.window = window;
  target.document = window.document;
}
