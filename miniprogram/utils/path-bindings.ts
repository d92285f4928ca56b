/**
 * Store → page by data path: the one helper for what storeBindings fields do not do well.
 *
 * - A long list that grows: a storeBindings field re-sends the whole value on every change, while
 *   this sends only the items that changed or were appended (`feed.items[20]`, `feed.items[21]`…),
 *   so loading more never re-sends what is already on screen.
 * - Store state keyed by the page's query (a post page's post and comments), known only in onLoad,
 *   after storeBindings were created.
 *
 * Each field is read in a MobX reaction, like a storeBindings field, and compared with what the
 * page already shows: an array or object that kept its shape is patched child by child
 * (`list[3]`, `post.commentCount`); anything else is sent whole. Call unbindPaths in `detached`.
 */
import { reaction, toJS } from 'mobx-miniprogram';

interface DataTarget {
  setData(data: Record<string, unknown>): void;
}

type Shown = { kind: 'array' | 'object'; children: Map<string, string> } | { kind: 'value'; json: string | undefined };

const reactions = new WeakMap<object, (() => void)[]>();

function childrenOf(value: unknown, path: string): Map<string, [string, unknown]> | null {
  const children = new Map<string, [string, unknown]>();
  if (Array.isArray(value)) value.forEach((item, i) => children.set(`${path}[${i}]`, [JSON.stringify(item), item]));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) children.set(`${path}.${key}`, [JSON.stringify(item), item]);
  } else return null;
  return children;
}

/** The patch that brings the page from `shown` to `value` at `path`, and what it shows then. */
function patchFor(path: string, value: unknown, shown: Shown | null): { patch: Record<string, unknown>; shown: Shown } {
  const children = childrenOf(value, path);
  if (!children) {
    const json = JSON.stringify(value);
    return { patch: shown?.kind === 'value' && shown.json === json ? {} : { [path]: value }, shown: { kind: 'value', json } };
  }
  const kind = Array.isArray(value) ? 'array' : 'object';
  const next: Shown = { kind, children: new Map([...children].map(([key, [json]]) => [key, json])) };
  // Patch child by child only when every child on screen is still there (a list that only grew or
  // changed in place, an object with the same keys) and there was something on screen to patch.
  const keepsShape =
    shown !== null &&
    shown.kind === kind &&
    shown.children.size > 0 &&
    [...shown.children.keys()].every((key) => children.has(key)) &&
    (kind === 'array' || children.size === shown.children.size);
  if (!keepsShape) {
    const unchangedEmpty = shown !== null && shown.kind === kind && shown.children.size === 0 && children.size === 0;
    return { patch: unchangedEmpty ? {} : { [path]: value }, shown: next };
  }
  const patch: Record<string, unknown> = {};
  for (const [key, [json, item]] of children) if (shown.children.get(key) !== json) patch[key] = item;
  return { patch, shown: next };
}

/** Binds each `path` of the page's data to what `read` returns from the stores, kept in step by path. */
export function bindPaths(target: DataTarget, fields: Record<string, () => unknown>): void {
  const disposers = reactions.get(target) ?? [];
  for (const [path, read] of Object.entries(fields)) {
    let shown: Shown | null = null;
    disposers.push(
      reaction(
        () => toJS(read()),
        (value) => {
          const result = patchFor(path, value, shown);
          shown = result.shown;
          if (Object.keys(result.patch).length > 0) target.setData(result.patch);
        },
        { fireImmediately: true },
      ),
    );
  }
  reactions.set(target, disposers);
}

/** Stops every binding bindPaths made for this page or component. */
export function unbindPaths(target: object): void {
  for (const dispose of reactions.get(target) ?? []) dispose();
  reactions.delete(target);
}
