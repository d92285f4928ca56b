/**
 * empty-state rendered alone: title, description, and an action only when actionText is set.
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
const id = simulate.load(path.join(rootPath, 'components', 'empty-state', 'index'), 'empty-state', { compiler: 'official', rootPath });

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


describe('empty-state', () => {
  it('default title, no description and no action', () => {
    const comp = render();
    expect(text(comp, '.empty-state__title')).toBe('这里还没有内容');
    expect(comp.querySelector('.empty-state__description')).toBeUndefined();
    expect(comp.querySelector('.empty-state__action')).toBeUndefined();
  });

  it('title, description and an action that emits action', async () => {
    const comp = render({ title: '还没有帖子', description: '来发第一个帖子吧', actionText: '去发帖' });
    expect(text(comp, '.empty-state__title')).toBe('还没有帖子');
    expect(text(comp, '.empty-state__description')).toBe('来发第一个帖子吧');
    expect(text(comp, '.empty-state__action')).toBe('去发帖');
    const events = recordEvents(comp, 'action');
    comp.querySelector('.empty-state__action')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events.map((e) => e.name)).toEqual(['action']);
  });
});
