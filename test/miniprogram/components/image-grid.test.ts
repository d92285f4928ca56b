/**
 * image-grid rendered alone: read-only preview, editable remove/add, add hidden at max.
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
const id = simulate.load(path.join(rootPath, 'components', 'image-grid', 'index'), 'image-grid', { compiler: 'official', rootPath });

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


const images = [
  { key: 'a', url: 'http://127.0.0.1:3000/media/a.jpg', pending: false },
  { key: 'b', url: '', pending: true },
  { key: 'c', url: 'wxfile://tmp/c.jpg', pending: false },
];

describe('image-grid', () => {
  it('read-only: images and placeholders, no remove or add; tapping an image previews all viewable urls', async () => {
    const comp = render({ images });
    expect(comp.querySelectorAll('.image-grid__cell')).toHaveLength(3);
    expect(comp.querySelectorAll('.image-grid__image').map((i) => attr(i, 'src'))).toEqual(['http://127.0.0.1:3000/media/a.jpg', 'wxfile://tmp/c.jpg']);
    expect(comp.querySelectorAll('.image-grid__pending').map((p) => (p.dom?.textContent ?? '').trim())).toEqual(['审核中']);
    expect(comp.querySelector('.image-grid__remove')).toBeUndefined();
    expect(comp.querySelector('.image-grid__add')).toBeUndefined();
    const events = recordEvents(comp, 'preview', 'remove', 'add');
    comp.querySelectorAll('.image-grid__cell')[2].dispatchEvent('tap');
    await simulate.sleep(0);
    // a pending image has nothing to preview
    comp.querySelectorAll('.image-grid__cell')[1].dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([{ name: 'preview', detail: { current: 'wxfile://tmp/c.jpg', urls: ['http://127.0.0.1:3000/media/a.jpg', 'wxfile://tmp/c.jpg'] } }]);
  });

  it('editable: remove emits the index (no preview), add emits how many remain', async () => {
    const comp = render({ images, editable: true, max: 9 });
    expect(comp.querySelectorAll('.image-grid__remove')).toHaveLength(3);
    expect(comp.querySelector('#add-image')).toBeDefined();
    const events = recordEvents(comp, 'preview', 'remove', 'add');
    comp.querySelectorAll('.image-grid__remove')[1].dispatchEvent('tap');
    await simulate.sleep(0);
    comp.querySelectorAll('.image-grid__cell')[0].dispatchEvent('tap');
    await simulate.sleep(0);
    comp.querySelector('#add-image')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([
      { name: 'remove', detail: { index: 1 } },
      { name: 'add', detail: { remaining: 6 } },
    ]);
  });

  it('editable at max: no add cell', () => {
    const comp = render({ images, editable: true, max: 3 });
    expect(comp.querySelector('#add-image')).toBeUndefined();
    expect(comp.querySelectorAll('.image-grid__cell')).toHaveLength(3);
    comp.setData({ images: images.slice(0, 2) });
    expect(comp.querySelector('#add-image')).toBeDefined();
  });
});
