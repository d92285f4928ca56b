/**
 * report-sheet rendered alone: hidden until shown, submit only with a reason, close.
 */
import { attr, loadComponent, recordEvents, text } from '../../support/miniprogram/component-harness';

const harness = loadComponent('report-sheet');
const { simulate } = harness;
const render = harness.render;

describe('report-sheet', () => {
  it('renders nothing when show is false', () => {
    const comp = render({ show: false });
    expect(comp.querySelector('.report-sheet')).toBeUndefined();
    expect((comp.dom?.textContent ?? '').trim()).toBe('');
  });

  it('lists the reasons; submit is disabled and silent until a reason is picked, then emits {reason}', async () => {
    const comp = render({ show: true });
    expect(text(comp, '.report-sheet__title')).toBe('举报原因');
    expect(comp.querySelectorAll('.report-sheet__reason').map((r) => (r.dom?.textContent ?? '').trim())).toEqual([
      '垃圾广告',
      '辱骂攻击',
      '色情低俗',
      '违法违规',
      '诈骗信息',
      '泄露隐私',
      '其他',
    ]);
    expect(attr(comp.querySelector('#report-submit'), 'disabled')).toBe(true);
    const events = recordEvents(comp, 'submit', 'close');
    comp.querySelector('#report-submit')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([]);

    comp.querySelector('#reason-abuse')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(comp.querySelector('#reason-abuse')?.dom?.className).toContain('report-sheet__reason--selected');
    expect(attr(comp.querySelector('#report-submit'), 'disabled')).toBe(false);
    comp.querySelector('#report-submit')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([{ name: 'submit', detail: { reason: 'abuse' } }]);
  });

  it('no second submit while submitting; reopening clears the choice', async () => {
    const comp = render({ show: true });
    comp.querySelector('#reason-spam')?.dispatchEvent('tap');
    await simulate.sleep(0);
    comp.setData({ submitting: true });
    const events = recordEvents(comp, 'submit');
    comp.querySelector('#report-submit')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([]);
    comp.setData({ show: false, submitting: false });
    comp.setData({ show: true });
    expect(attr(comp.querySelector('#report-submit'), 'disabled')).toBe(true);
  });

  it('cancel and the mask emit close; a tap inside the sheet does not', async () => {
    const comp = render({ show: true });
    const events = recordEvents(comp, 'close');
    comp.querySelector('.report-sheet__cancel')?.dispatchEvent('tap');
    await simulate.sleep(0);
    comp.querySelector('.report-sheet__title')?.dispatchEvent('tap');
    await simulate.sleep(0);
    comp.querySelector('.report-sheet__mask')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events.map((e) => e.name)).toEqual(['close', 'close']);
  });
});
