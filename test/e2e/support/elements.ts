/**
 * Small helpers over automator's Page/Element for specs that read like a user's steps. automator's
 * `page.$()` answers null for a missing element, so a tap on it would fail with "cannot read
 * properties of null"; these fail with the selector, the page and what the page shows instead.
 */
import type Element from 'miniprogram-automator/out/Element';
import type { CustomElement, InputElement, TextareaElement } from 'miniprogram-automator/out/Element';
import type MiniProgram from 'miniprogram-automator/out/MiniProgram';
import type Page from 'miniprogram-automator/out/Page';

type Scope = Page | Element;

async function describeScope(scope: Scope): Promise<string> {
  if ('path' in scope) {
    const data = JSON.stringify(await scope.data().catch(() => ({})));
    return `page ${scope.path} (data: ${data.length > 300 ? `${data.slice(0, 300)}…` : data})`;
  }
  return `<${scope.tagName}> "${(await scope.text()).slice(0, 200)}"`;
}

export async function element(scope: Scope, selector: string): Promise<Element> {
  const found = await scope.$(selector);
  if (!found) throw new Error(`no element matches "${selector}" on ${await describeScope(scope)}`);
  return found;
}

export async function elements(scope: Scope, selector: string): Promise<Element[]> {
  return (await scope.$$(selector)) as Element[];
}

/** A custom component (automator hands those out with data/setData/callMethod). */
export async function component(scope: Scope, selector: string): Promise<CustomElement> {
  const found = await element(scope, selector);
  if (!('callMethod' in found)) throw new Error(`"${selector}" is a <${found.tagName}>, not a custom component`);
  return found as CustomElement;
}

/** Types into an <input> or <textarea> the way automator does (element.input). */
export async function type(scope: Scope, selector: string, value: string): Promise<void> {
  const found = await element(scope, selector);
  if (!('input' in found)) throw new Error(`"${selector}" is a <${found.tagName}>, not an input or textarea`);
  await (found as InputElement | TextareaElement).input(value);
}

export async function tap(scope: Scope, selector: string): Promise<void> {
  await (await element(scope, selector)).tap();
}

export async function text(scope: Scope, selector: string): Promise<string> {
  return (await element(scope, selector)).text();
}

/** Waits (headless: usually already true, the host settles before answering) for a condition. */
export async function waitUntil(what: string, condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The page the app is on now, after a tap that navigates. */
export async function currentPage(miniProgram: MiniProgram, expectedPath?: string): Promise<Page> {
  if (expectedPath) {
    await waitUntil(`page ${expectedPath}`, async () => (await miniProgram.currentPage())?.path === expectedPath);
  }
  const page = await miniProgram.currentPage();
  if (!page) throw new Error('the mini program has no page open');
  return page;
}

/** wx navigation without automator's fixed 3 s sleep (the helpers on MiniProgram sleep after routing). */
export async function go(
  miniProgram: MiniProgram,
  method: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab',
  url: string,
): Promise<Page> {
  await miniProgram.callWxMethod(method, { url });
  return currentPage(miniProgram, url.replace(/^\//, '').split('?')[0]);
}
