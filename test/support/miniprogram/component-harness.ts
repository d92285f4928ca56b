/**
 * Renders one custom component alone with miniprogram-simulate (official compiler), with the
 * stateful wx fake installed first because components import services. Load each component
 * once per jest file: Jest 30 runs a module only once.
 */
import path from 'node:path';
import type { SimComponent, SimRootComponent, SimulateModule } from 'miniprogram-headless-host/runtime';
import { installWxFake, type WxFake } from './wx-fake';

export const miniprogramRoot = path.resolve(__dirname, '..', '..', '..', 'miniprogram');

export interface ComponentHarness {
  fake: WxFake;
  simulate: SimulateModule;
  /** simulate's id for the component, e.g. to use it inside a wrapper definition. */
  id: string;
  render(properties?: Record<string, unknown>): SimRootComponent;
}

export function loadComponent(name: string): ComponentHarness {
  const fake = installWxFake();
  const g = globalThis as unknown as Record<string, unknown>;
  const win = g.window as Record<string, unknown>;
  // Node's own Event/CustomEvent would shadow jsdom's inside simulate.
  g.Event = win.Event;
  g.CustomEvent = win.CustomEvent;
  const simulate = require('miniprogram-simulate') as SimulateModule;
  fake.adoptFallback(g.wx as Record<string, unknown>);
  g.wx = fake.wx;
  const id = simulate.load(path.join(miniprogramRoot, 'components', name, 'index'), name, {
    compiler: 'official',
    rootPath: miniprogramRoot,
  });
  return {
    fake,
    simulate,
    id,
    render(properties = {}) {
      const comp = simulate.render(id, properties);
      comp.attach(document.createElement('parent-wrapper'));
      return comp;
    },
  };
}

export const text = (comp: SimRootComponent, selector: string) => (comp.querySelector(selector)?.dom?.textContent ?? '').trim();

/** j-component's root listens to the component's own events (exparser), like a parent's bind:x. */
interface Listenable {
  addEventListener(name: string, handler: (event: { detail: unknown }) => void): void;
}

export function recordEvents(comp: SimRootComponent, ...names: string[]): { name: string; detail: unknown }[] {
  const events: { name: string; detail: unknown }[] = [];
  for (const name of names) (comp as unknown as Listenable).addEventListener(name, (event) => events.push({ name, detail: event.detail }));
  return events;
}

/** An attribute as wcc rendered it (simulate keeps it on the node, not always on the DOM). */
export function attr(node: SimComponent | undefined, name: string): unknown {
  return node?.toJSON().attrs.find((a) => a.name === name)?.value;
}
