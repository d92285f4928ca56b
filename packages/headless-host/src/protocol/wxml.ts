/**
 * WXML as automator's `element.wxml()`/`outerWxml()` return it, rebuilt from simulate's render
 * tree (`toJSON()`): built-in tags lose simulate's `wx-` prefix, class names are the template's,
 * event bindings are left out (DevTools shows the rendered tree, not the source).
 */
import type { SimNodeJson } from '../runtime/simulate';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, '&quot;');

export function tagNameOf(json: SimNodeJson): string {
  return json.tagName.replace(/^wx-/, '');
}

function attributes(json: SimNodeJson): string {
  return json.attrs
    .filter((attr) => attr.value !== undefined && attr.value !== null && attr.value !== false && typeof attr.value !== 'object')
    .map((attr) => (attr.value === true ? ` ${attr.name}` : ` ${attr.name}="${escapeAttr(String(attr.value))}"`))
    .join('');
}

export function innerWxml(json: SimNodeJson): string {
  return json.children.map((child) => (typeof child === 'string' ? escapeText(child) : outerWxml(child))).join('');
}

export function outerWxml(json: SimNodeJson): string {
  const tag = tagNameOf(json);
  return `<${tag}${attributes(json)}>${innerWxml(json)}</${tag}>`;
}
