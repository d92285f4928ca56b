/**
 * error-state: the message, a retry event (none while retrying), and slot content.
 */
import { attr, loadComponent, recordEvents, text } from '../../support/miniprogram/component-harness';

const harness = loadComponent('error-state');
const { simulate, id } = harness;
const render = harness.render;

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
