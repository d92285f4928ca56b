/**
 * Selectors with tag names (`view`, `button.primary`, `.list > view`, `mp-cell >>> .title`), which
 * DevTools accepts but exparser's own engine (`#id`/`.class` only) silently matches nothing with.
 * Matched on the exparser tree of the scope's template, as WeChat scopes a page or component query:
 * descendants and `>` stay inside that template (slot content written there included); `>>>`
 * enters custom components' templates. Tags compare as written in WXML (`view`, `mp-cell`).
 */
import type { SimComponent } from '../runtime/simulate';

interface ExparserNode {
  id?: string;
  _vt?: { tagName?: string };
  __virtual?: boolean;
  __componentNode__?: SimComponent;
  classList?: { contains(name: string): boolean };
  childNodes?: ExparserNode[];
  parentNode?: ExparserNode | null;
  shadowRoot?: ExparserNode;
  ownerShadowRoot?: ExparserNode & { getHostNode?(): ExparserNode };
  $$?: { nodeType?: number };
}

interface Compound {
  tag?: string;
  id?: string;
  classes: string[];
}
type Combinator = ' ' | '>' | '>>>';
interface Step {
  compound: Compound;
  /** How this step relates to the previous one (undefined for the first). */
  combinator?: Combinator;
}

const COMPOUND = /^([a-zA-Z][-_a-zA-Z0-9]*|\*)?((?:#[_a-zA-Z][-_a-zA-Z0-9:]*|\.-?[_a-zA-Z][-_a-zA-Z0-9]*)*)$/;

function parseCompound(text: string): Compound | undefined {
  const match = COMPOUND.exec(text);
  if (!match || text === '') return undefined;
  const compound: Compound = { classes: [] };
  if (match[1] && match[1] !== '*') compound.tag = match[1].toLowerCase();
  for (const part of match[2].match(/[#.][^#.]+/g) ?? []) {
    if (part.startsWith('#')) compound.id = part.slice(1);
    else compound.classes.push(part.slice(1));
  }
  return compound;
}

/** The alternatives of a selector as steps, or undefined when some part is not `tag#id.class` joined by space, `>` or `>>>`. */
export function parseSelector(selector: string): Step[][] | undefined {
  const alternatives: Step[][] = [];
  for (const alternative of selector.split(',')) {
    const tokens = alternative
      .trim()
      .split(/\s*(>>>|>)\s*|\s+/)
      .filter((token) => token !== undefined && token !== '');
    const steps: Step[] = [];
    let pending: Combinator | undefined;
    for (const token of tokens) {
      if (token === '>' || token === '>>>') {
        if (steps.length === 0 || pending) return undefined;
        pending = token;
        continue;
      }
      const compound = parseCompound(token);
      if (!compound) return undefined;
      steps.push({ compound, ...(steps.length > 0 ? { combinator: pending ?? ' ' } : {}) });
      pending = undefined;
    }
    if (steps.length === 0 || pending) return undefined;
    alternatives.push(steps);
  }
  return alternatives;
}

/** Whether a selector names a tag anywhere (exparser's engine handles the rest). */
export function hasTag(selector: string): boolean {
  return parseSelector(selector)?.some((steps) => steps.some((step) => step.compound.tag !== undefined)) ?? false;
}

const isElement = (node: ExparserNode) => node.$$?.nodeType === 1 || (node._vt !== undefined && !node.__virtual);
const tagOf = (node: ExparserNode) => (node._vt?.tagName ?? '').replace(/^wx-/, '').toLowerCase();

function matches(node: ExparserNode, compound: Compound): boolean {
  if (node.__virtual || !isElement(node)) return false;
  if (compound.tag && tagOf(node) !== compound.tag) return false;
  if (compound.id !== undefined && node.id !== compound.id) return false;
  return compound.classes.every((name) => node.classList?.contains(name) ?? false);
}

/** The element above `node` in its own template (skipping virtual nodes), or the host of that template when crossing is allowed. */
function parentOf(node: ExparserNode, cross: boolean): ExparserNode | undefined {
  let parent = node.parentNode ?? undefined;
  while (parent && parent.__virtual) parent = parent.parentNode ?? undefined;
  if (parent && isElement(parent)) return parent;
  if (cross) return node.ownerShadowRoot?.getHostNode?.() ?? undefined;
  return undefined;
}

/** Every element of `root`'s template in document order; `deep` enters custom components' templates. */
function elementsOf(root: ExparserNode, deep: boolean, into: ExparserNode[] = []): ExparserNode[] {
  for (const child of root.childNodes ?? []) {
    if (isElement(child)) into.push(child);
    elementsOf(child, deep, into);
    if (deep && child.shadowRoot) elementsOf(child.shadowRoot, deep, into);
  }
  return into;
}

function matchesSteps(node: ExparserNode, steps: Step[], index: number, scopeHost: ExparserNode): boolean {
  if (!matches(node, steps[index].compound)) return false;
  if (index === 0) return true;
  const combinator = steps[index].combinator ?? ' ';
  const cross = combinator === '>>>';
  let ancestor = parentOf(node, cross);
  while (ancestor && ancestor !== scopeHost) {
    if (matchesSteps(ancestor, steps, index - 1, scopeHost)) return true;
    if (combinator === '>') return false;
    ancestor = parentOf(ancestor, cross);
  }
  return false;
}

/** Matches `selector` in `scope`'s template; results wrapped the way simulate wraps query results. */
export function queryWithTags(scope: SimComponent, selector: string): SimComponent[] {
  const alternatives = parseSelector(selector);
  if (!alternatives) return [];
  const scopeNode = (scope as unknown as { _exparserNode: ExparserNode })._exparserNode;
  const root = scopeNode.shadowRoot;
  if (!root) return [];
  const deep = alternatives.some((steps) => steps.some((step) => step.combinator === '>>>'));
  const found = elementsOf(root, deep).filter((node) =>
    alternatives.some((steps) => matchesSteps(node, steps, steps.length - 1, scopeNode)),
  );
  const Wrapper = wrapperClass(scope);
  return found.map((node) => node.__componentNode__ ?? new Wrapper(node));
}

/** simulate's `Component` wrapper class (what querySelector returns), from any wrapper's prototype chain. */
function wrapperClass(scope: SimComponent): new (node: ExparserNode) => SimComponent {
  let proto: { constructor: unknown } | null = Object.getPrototypeOf(scope) as { constructor: unknown } | null;
  while (proto && (proto.constructor as { name?: string }).name !== 'Component')
    proto = Object.getPrototypeOf(proto) as { constructor: unknown } | null;
  if (!proto) throw new Error("cannot find simulate's Component wrapper");
  return proto.constructor as new (node: ExparserNode) => SimComponent;
}
