/**
 * image-grid rendered alone: read-only preview, editable remove/add, add hidden at max.
 */
import { attr, loadComponent, recordEvents } from '../../support/miniprogram/component-harness';

const harness = loadComponent('image-grid');
const { simulate } = harness;
const render = harness.render;

const images = [
  { key: 'a', url: 'http://127.0.0.1:3000/media/a.jpg', pending: false },
  { key: 'b', url: '', pending: true },
  { key: 'c', url: 'wxfile://tmp/c.jpg', pending: false },
];

describe('image-grid', () => {
  it('read-only: images and placeholders, no remove or add; tapping an image previews all viewable urls', async () => {
    const comp = render({ images });
    expect(comp.querySelectorAll('.image-grid__cell')).toHaveLength(3);
    expect(comp.querySelectorAll('.image-grid__image').map((i) => attr(i, 'src'))).toEqual([
      'http://127.0.0.1:3000/media/a.jpg',
      'wxfile://tmp/c.jpg',
    ]);
    expect(comp.querySelectorAll('.image-grid__pending').map((p) => (p.dom?.textContent ?? '').trim())).toEqual(['审核中']);
    expect(comp.querySelector('.image-grid__remove')).toBeUndefined();
    expect(comp.querySelector('.image-grid__add')).toBeUndefined();
    const events = recordEvents(comp, 'preview', 'remove', 'add');
    comp.querySelectorAll('.image-grid__cell')[2].dispatchEvent('tap');
    await simulate.sleep(0);
    // a pending image has nothing to preview
    comp.querySelectorAll('.image-grid__cell')[1].dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([
      { name: 'preview', detail: { current: 'wxfile://tmp/c.jpg', urls: ['http://127.0.0.1:3000/media/a.jpg', 'wxfile://tmp/c.jpg'] } },
    ]);
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
