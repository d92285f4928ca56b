/** Element.*: finding inside an element, reading it, and acting on it the way a user would. */
import type { SimComponent } from '../runtime/simulate';
import { toWire, valueAtPath } from './data-path';
import { ElementRegistry, queryAll, type ElementEntry } from './element-registry';
import { DEVTOOLS_ONLY, NO_LAYOUT, NotSupportedHeadless, ProtocolError } from './errors';
import type { HostContext, MethodHandler, Params } from './context';
import { callInstanceMethod, setInstanceData } from './instance-calls';
import { innerWxml, outerWxml } from './wxml';

const LAYOUT_PROPERTY = /^(offset|client|scroll)(Width|Height|Top|Left)$|^getBoundingClientRect$/;
const entryOf = (context: HostContext, params: Params): ElementEntry => context.elements.get(params.elementId);
const names = (params: Params): string[] => (Array.isArray(params.names) ? params.names.map(String) : []);
const collapse = (text: string | null | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();

function attributeOf(node: SimComponent, name: string): unknown {
  const camel = name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const attr = node.toJSON().attrs.find((candidate) => candidate.name === name || candidate.name === camel);
  if (attr) return attr.value;
  return node.dom?.getAttribute(name) ?? null;
}

function findInside(context: HostContext, method: string, params: Params): SimComponent[] {
  const entry = entryOf(context, params);
  if (entry.custom) return queryAll(method, entry.node, params.selector);
  const container = entry.node.dom;
  return queryAll(method, entry.scope, params.selector).filter(
    (candidate) => candidate.dom && candidate.dom !== container && container?.contains(candidate.dom),
  );
}

function customOnly(entry: ElementEntry, method: string): ElementEntry {
  if (!entry.custom) throw new ProtocolError(`${method}: <${entry.tagName}> is not a custom component`);
  return entry;
}

async function dispatch(
  context: HostContext,
  entry: ElementEntry,
  type: string,
  detail: unknown,
  extra: Record<string, unknown> = {},
): Promise<void> {
  entry.node.dispatchEvent(type, { detail: detail ?? {}, ...extra });
  await context.host.settle();
}

/** automator's element helpers: `input.input`, `switch.tap`, `slider.slideTo`… */
const elementFunctions: Record<string, (context: HostContext, entry: ElementEntry, args: unknown[]) => Promise<unknown>> = {
  'input.input': (context, entry, [value]) => context.host.inputElement(entry.node, String(value ?? '')),
  'textarea.input': (context, entry, [value]) => context.host.inputElement(entry.node, String(value ?? '')),
  'switch.tap': async (context, entry) => dispatch(context, entry, 'change', { value: attributeOf(entry.node, 'checked') !== true }),
  'slider.slideTo': (context, entry, [value]) => dispatch(context, entry, 'change', { value }),
  'swiper.swipeTo': (context, entry, [current]) => dispatch(context, entry, 'change', { current, source: 'touch' }),
};

export const elementMethods: Record<string, MethodHandler> = {
  'Element.getElement': (context, params) => {
    const entry = entryOf(context, params);
    const [first] = findInside(context, 'Element.getElement', params);
    if (!first)
      throw new ProtocolError(
        `Element.getElement: no element matches "${String(params.selector)}" inside <${entry.tagName}> on ${entry.page.route}`,
      );
    return ElementRegistry.wire(context.elements.register(entry.page, first, entry.custom ? entry.node : entry.scope));
  },
  'Element.getElements': (context, params) => {
    const entry = entryOf(context, params);
    const found = findInside(context, 'Element.getElements', params);
    return {
      elements: found.map((node) =>
        ElementRegistry.wire(context.elements.register(entry.page, node, entry.custom ? entry.node : entry.scope)),
      ),
    };
  },
  'Element.tap': async (context, params) => {
    await context.host.tapElement(entryOf(context, params).node);
    return {};
  },
  'Element.longpress': async (context, params) => {
    await dispatch(context, entryOf(context, params), 'longpress', {});
    return {};
  },
  'Element.touchstart': async (context, params) => {
    await dispatch(context, entryOf(context, params), 'touchstart', undefined, {
      touches: params.touches,
      changedTouches: params.changedTouches,
    });
    return {};
  },
  'Element.touchmove': async (context, params) => {
    await dispatch(context, entryOf(context, params), 'touchmove', undefined, {
      touches: params.touches,
      changedTouches: params.changedTouches,
    });
    return {};
  },
  'Element.touchend': async (context, params) => {
    await dispatch(context, entryOf(context, params), 'touchend', undefined, {
      touches: params.touches,
      changedTouches: params.changedTouches,
    });
    return {};
  },
  'Element.triggerEvent': async (context, params) => {
    if (typeof params.type !== 'string') throw new ProtocolError('Element.triggerEvent: type is required');
    await dispatch(context, entryOf(context, params), params.type, params.detail);
    return {};
  },
  'Element.dispatchEvent': async (context, params) => {
    if (typeof params.eventName !== 'string') throw new ProtocolError('Element.dispatchEvent: eventName is required');
    await dispatch(context, entryOf(context, params), params.eventName, params.eventData);
    return {};
  },
  'Element.callFunction': async (context, params) => {
    const entry = entryOf(context, params);
    const name = String(params.functionName ?? '');
    if (/^(scroll-view|movable-view)\./.test(name)) throw new NotSupportedHeadless(`Element.callFunction("${name}")`, NO_LAYOUT);
    const fn = elementFunctions[name];
    if (!fn) throw new ProtocolError(`Element.callFunction: unknown function "${name}" for <${entry.tagName}>`);
    return { result: toWire(await fn(context, entry, Array.isArray(params.args) ? params.args : [])) };
  },
  'Element.getWXML': (context, params) => {
    const json = entryOf(context, params).node.toJSON();
    return { wxml: params.type === 'outer' ? outerWxml(json) : innerWxml(json) };
  },
  'Element.getAttributes': (context, params) => {
    const entry = entryOf(context, params);
    return { attributes: names(params).map((name) => toWire(attributeOf(entry.node, name))) };
  },
  'Element.getDOMProperties': (context, params) => {
    const entry = entryOf(context, params);
    const layout = names(params).find((name) => LAYOUT_PROPERTY.test(name));
    if (layout) throw new NotSupportedHeadless(`Element.getDOMProperties("${layout}") (element.size)`, NO_LAYOUT);
    const dom = entry.node.dom as unknown as Record<string, unknown> | undefined;
    return {
      properties: names(params).map((name) => {
        // jsdom has no innerText (no layout): the collapsed text content is what a user reads.
        if (name === 'innerText' || name === 'textContent') return collapse(entry.node.dom?.textContent);
        if (name === 'value') return toWire(context.host.typedValue(entry.node) ?? attributeOf(entry.node, 'value'));
        const value = dom?.[name];
        return typeof value === 'function' ? null : toWire(value);
      }),
    };
  },
  'Element.getProperties': (context, params) => {
    const entry = entryOf(context, params);
    const data = entry.custom ? (entry.node.instance.data as Record<string, unknown>) : undefined;
    return {
      properties: names(params).map((name) => {
        if (name === '__propPublic') {
          const keys = data ? Object.keys(data) : [...entry.node.toJSON().attrs.map((attr) => attr.name), 'value'];
          return Object.fromEntries(keys.map((key) => [key, true]));
        }
        return toWire(data ? data[name] : attributeOf(entry.node, name));
      }),
    };
  },
  'Element.getStyles': () => {
    throw new NotSupportedHeadless('Element.getStyles (element.style)', NO_LAYOUT);
  },
  'Element.getOffset': () => {
    throw new NotSupportedHeadless('Element.getOffset (element.offset)', NO_LAYOUT);
  },
  'Element.callContextMethod': () => {
    throw new NotSupportedHeadless('Element.callContextMethod', 'media contexts (video, camera, map) do not run headless');
  },
  'Element.getData': (context, params) => {
    const entry = customOnly(entryOf(context, params), 'Element.getData');
    return { data: toWire(valueAtPath(entry.node.instance.data, typeof params.path === 'string' ? params.path : undefined)) };
  },
  'Element.setData': (context, params) =>
    setInstanceData(context, 'Element.setData', customOnly(entryOf(context, params), 'Element.setData').node.instance, params),
  'Element.callMethod': (context, params) => {
    const entry = customOnly(entryOf(context, params), 'Element.callMethod');
    return callInstanceMethod(context, 'Element.callMethod', `<${entry.tagName}>`, entry.node.instance, params);
  },
  'Element.getVideoContext': () => {
    throw new NotSupportedHeadless('Element.getVideoContext', DEVTOOLS_ONLY);
  },
};
