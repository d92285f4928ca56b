/**
 * empty-state rendered alone: title, description, and an action only when actionText is set.
 */
import { loadComponent, recordEvents, text } from '../../support/miniprogram/component-harness';

const harness = loadComponent('empty-state');
const { simulate } = harness;
const render = harness.render;

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
