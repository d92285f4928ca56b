/**
 * error-state: the message, a retry event (none while retrying), and slot content.
 */
import path from 'node:path';
import type { SimComponent, SimRootComponent, SimulateModule } from '../../support/miniprogram/simulate';
import { installWxFake } from '../../support/miniprogram/wx-fake';

const fake = installWxFake();
const rootPath = path.resolve(__dirname, '..', '..', '..', 'miniprogram');
const g = globalThis as unknown as Record<string, unknown>;
const win = g.window as Record<string, unknown>;
g.Event = win.Event;
g.CustomEvent = win.CustomEvent;
const simulate = require('miniprogram-simulate') as SimulateModule;
fake.adoptFallback(g.wx as Record<string, unknown>);
g.wx = fake.wx;
// Loaded once per jest file (Jest 30 runs a module only once).
const id = simulate.load(path.join(rootPath, 'components', 'error-state', 'index'), 'error-state', { compiler: 'official', rootPath });

function render(properties: Record<string, unknown> = {}): SimRootComponent {
  const comp = simulate.render(id, properties);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}
const text = (comp: SimRootComponent, selector: string) => (comp.querySelector(selector)?.dom?.textContent ?? '').trim();
/** j-component's root listens to the component's own events (exparser), like a parent's bind:x. */
interface Listenable {
  addEventListener(name: string, handler: (event: { detail: unknown }) => void): void;
}
function recordEvents(comp: SimRootComponent, ...names: string[]): { name: string; detail: unknown }[] {
  const events: { name: string; detail: unknown }[] = [];
  for (const name of names) (comp as unknown as Listenable).addEventListener(name, (event) => events.push({ name, detail: event.detail }));
  return events;
}
/** An attribute as wcc rendered it (simulate keeps it on the node, not always on the DOM). */
function attr(node: SimComponent | undefined, name: string): unknown {
  return node?.toJSON().attrs.find((a) => a.name === name)?.value;
}


/** j-component can also load a definition object: a parent that fills error-state's slot. */
interface DefinitionLoader {
  load(definition: { template: string; usingComponents: Record<string, string> }): string;
}
const wrapperId = (simulate as unknown as DefinitionLoader).load({
  template: '<error-state message="加载失败了"><view class="bundled">欢迎来到社区</view></error-state>',
  usingComponents: { 'error-state': id },
});

describe('error-state', () => {
  it('default message and a retry button that emits retry', async () => {
    const comp = render();
    expect(text(comp, '.error-state__message')).toBe('网络不太稳定，请稍后重试');
    expect(text(comp, '#retry-button')).toBe('重新加载');
    const events = recordEvents(comp, 'retry');
    comp.querySelector('#retry-button')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events.map((e) => e.name)).toEqual(['retry']);
  });

  it('no retry event while retrying (the button shows loading)', async () => {
    const comp = render({ message: '服务器开小差了', retrying: true });
    expect(text(comp, '.error-state__message')).toBe('服务器开小差了');
    expect(attr(comp.querySelector('#retry-button'), 'loading')).toBe(true);
    const events = recordEvents(comp, 'retry');
    comp.querySelector('#retry-button')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([]);
  });

  it('renders the slot content a page puts in it', () => {
    const parent = simulate.render(wrapperId);
    parent.attach(document.createElement('parent-wrapper'));
    expect(parent.dom?.textContent ?? '').toContain('加载失败了');
    expect((parent.dom?.textContent ?? '').replace(/\s+/g, ' ')).toContain('欢迎来到社区');
    expect(parent.dom?.querySelector('error-state .bundled')?.textContent).toBe('欢迎来到社区');
  });
});
