/**
 * @jest-environment node
 *
 * bindPaths sends only what changed, by path: appended or replaced list items as `list[i]`, a
 * changed field of an object as `obj.key`; a list that shrank, or a value that changed kind, whole.
 */
import { configure, makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { bindPaths, unbindPaths } from '../../../miniprogram/utils/path-bindings';

configure({ enforceActions: 'observed' });

class Store {
  items: { id: number; count: number }[] = [];
  post: { title: string; count: number } | null = null;
  constructor() {
    makeAutoObservable(this);
  }
}

function page() {
  const calls: Record<string, unknown>[] = [];
  return { calls, setData: (data: Record<string, unknown>) => calls.push(data) };
}

it('appends and in-place changes go by index; a shrink re-sends the list', () => {
  const store = new Store();
  const target = page();
  bindPaths(target, { 'feed.items': () => store.items });
  expect(target.calls).toEqual([{ 'feed.items': [] }]);

  runInAction(() => store.items.push({ id: 1, count: 0 }, { id: 2, count: 0 }));
  runInAction(() => store.items.push({ id: 3, count: 0 }));
  runInAction(() => {
    const second = store.items[1];
    if (second) second.count = 5;
  });
  runInAction(() => store.items.splice(0, 1));
  expect(target.calls.slice(1)).toEqual([
    {
      'feed.items': [
        { id: 1, count: 0 },
        { id: 2, count: 0 },
      ],
    },
    { 'feed.items[2]': { id: 3, count: 0 } },
    { 'feed.items[1]': { id: 2, count: 5 } },
    {
      'feed.items': [
        { id: 2, count: 5 },
        { id: 3, count: 0 },
      ],
    },
  ]);
});

it('an object is patched key by key once shown; null and back is sent whole; unbind stops it', () => {
  const store = new Store();
  const target = page();
  bindPaths(target, { post: () => store.post });
  runInAction(() => (store.post = { title: '标题', count: 1 }));
  runInAction(() => {
    if (store.post) store.post.count = 2;
  });
  runInAction(() => (store.post = null));
  unbindPaths(target);
  runInAction(() => (store.post = { title: '再来', count: 0 }));
  expect(target.calls).toEqual([{ post: null }, { post: { title: '标题', count: 1 } }, { 'post.count': 2 }, { post: null }]);
});
