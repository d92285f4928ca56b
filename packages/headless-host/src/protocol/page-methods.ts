/** Page.*: finding elements, page data and methods, window properties. */
import { toWire, valueAtPath } from './data-path';
import { ElementRegistry, queryAll } from './element-registry';
import { NO_LAYOUT, NotSupportedHeadless, ProtocolError } from './errors';
import { pageOf, type MethodHandler } from './context';
import { callInstanceMethod, setInstanceData } from './instance-calls';

/** Window properties that only a layout engine can answer (automator's page.size()/scrollTop()). */
const LAYOUT_PROPERTY = /(scroll|client|offset|inner|outer)(Width|Height|Top|Left|X|Y)$|devicePixelRatio|getBoundingClientRect/;

export const pageMethods: Record<string, MethodHandler> = {
  'Page.getElement': (context, params) => {
    const page = pageOf(context, params);
    const [first] = queryAll('Page.getElement', page.component, params.selector);
    if (!first) throw new ProtocolError(`Page.getElement: no element matches "${String(params.selector)}" on ${page.route}`);
    return ElementRegistry.wire(context.elements.register(page, first, page.component));
  },
  'Page.getElements': (context, params) => {
    const page = pageOf(context, params);
    const found = queryAll('Page.getElements', page.component, params.selector);
    return { elements: found.map((node) => ElementRegistry.wire(context.elements.register(page, node, page.component))) };
  },
  'Page.getElementByXpath': () => {
    throw new NotSupportedHeadless('Page.getElementByXpath (page.xpath)', 'simulate has no XPath engine; select by id or class instead');
  },
  'Page.getElementsByXpath': () => {
    throw new NotSupportedHeadless('Page.getElementsByXpath', 'simulate has no XPath engine; select by id or class instead');
  },
  'Page.getData': (context, params) => {
    const page = pageOf(context, params);
    return { data: toWire(valueAtPath(page.component.instance.data, typeof params.path === 'string' ? params.path : undefined)) };
  },
  'Page.setData': (context, params) => setInstanceData(context, 'Page.setData', pageOf(context, params).component.instance, params),
  'Page.callMethod': (context, params) => {
    const page = pageOf(context, params);
    return callInstanceMethod(context, 'Page.callMethod', page.route, page.component.instance, params);
  },
  'Page.getWindowProperties': (context, params) => {
    pageOf(context, params);
    const names = Array.isArray(params.names) ? params.names.map(String) : [];
    const layout = names.find((name) => LAYOUT_PROPERTY.test(name));
    if (layout) throw new NotSupportedHeadless(`Page.getWindowProperties("${layout}") (page.size/scrollTop)`, NO_LAYOUT);
    return { properties: names.map((name) => toWire(valueAtPath(globalThis.window, name))) };
  },
};
