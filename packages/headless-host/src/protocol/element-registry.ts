/**
 * Element ids as automator sees them (`{elementId, tagName, nodeId?}`). The same rendered node
 * always gets the same id (automator caches Element objects by id); custom components also get a
 * nodeId, which is what makes automator hand the spec a CustomElement (data/setData/callMethod).
 */
import type { HostedPage } from '../runtime/app-host';
import type { SimComponent } from '../runtime/simulate';
import { ProtocolError } from './errors';
import { hasTag, queryWithTags } from './tag-selectors';
import { tagNameOf } from './wxml';

export interface ElementEntry {
  elementId: string;
  page: HostedPage;
  node: SimComponent;
  /** Where it was found: the page, or the custom component whose template holds it. */
  scope: SimComponent;
  tagName: string;
  custom: boolean;
}

export interface ElementWire {
  elementId: string;
  tagName: string;
  nodeId?: string;
}

/** simulate wraps each query result in a new object; its exparser node is the stable identity. */
const identity = (node: SimComponent): object => (node as unknown as { _exparserNode: object })._exparserNode;

/**
 * The selector grammar of exparser, the component engine simulate shares with WeChat (what
 * `selectComponent` accepts): `#id` and `.class` compounds joined by space, `>` or `>>>` (into a
 * custom component), comma-separated. Selectors naming a tag go to tag-selectors.ts (exparser
 * would silently match nothing); attributes and pseudo-classes are refused.
 */
const COMPOUND = /^(#[_a-zA-Z][-_a-zA-Z0-9:]*)?(\.-?[_a-zA-Z][-_a-zA-Z0-9]*)*$/;
function unsupportedPart(selector: string): string | undefined {
  for (const alternative of selector.split(',')) {
    const parts = alternative.split(/\s+|>+/).filter(Boolean);
    if (parts.length === 0) return alternative;
    const bad = parts.find((part) => !COMPOUND.test(part));
    if (bad) return bad;
  }
  return undefined;
}

export class ElementRegistry {
  private readonly byId = new Map<string, ElementEntry>();
  private readonly idByNode = new WeakMap<object, string>();
  private nextId = 1;

  register(page: HostedPage, node: SimComponent, scope: SimComponent): ElementEntry {
    const key = identity(node);
    const known = this.idByNode.get(key);
    if (known) {
      const entry = this.byId.get(known);
      if (entry) return entry;
    }
    const json = node.toJSON();
    const tagName = tagNameOf(json);
    const entry: ElementEntry = { elementId: String(this.nextId++), page, node, scope, tagName, custom: !json.tagName.startsWith('wx-') };
    this.byId.set(entry.elementId, entry);
    this.idByNode.set(key, entry.elementId);
    return entry;
  }

  get(elementId: unknown): ElementEntry {
    const entry = this.byId.get(String(elementId));
    if (!entry) throw new ProtocolError(`element ${String(elementId)} is unknown to this host`);
    if (entry.node.dom && !entry.node.dom.isConnected) {
      throw new ProtocolError(
        `element ${entry.elementId} (<${entry.tagName}>) is no longer on ${entry.page.route}: it was re-rendered or removed; query it again with page.$()`,
      );
    }
    return entry;
  }

  static wire(entry: ElementEntry): ElementWire {
    return entry.custom
      ? { elementId: entry.elementId, tagName: entry.tagName, nodeId: entry.elementId }
      : { elementId: entry.elementId, tagName: entry.tagName };
  }
}

/** Elements matching selector inside scope (the page, or a custom component's own template). */
export function queryAll(method: string, scope: SimComponent, selector: unknown): SimComponent[] {
  if (typeof selector !== 'string' || selector.trim() === '') throw new ProtocolError(`${method}: selector must be a non-empty string`);
  if (hasTag(selector)) return queryWithTags(scope, selector);
  const bad = unsupportedPart(selector);
  if (bad !== undefined) {
    throw new ProtocolError(
      `${method}: "${bad}" in "${selector}" is not a selector the headless host can match: use #id and .class joined by space, > or >>> (tag#id.class compounds are; attributes and pseudo-classes are not: give the element an id or a class meant for tests)`,
    );
  }
  return scope.querySelectorAll(selector);
}
