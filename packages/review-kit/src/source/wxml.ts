/**
 * A small WXML reader: elements with their attributes and the text between tags, each with its
 * line, comments skipped. WXML is XML-like but not XML (unquoted `{{a > b}}` inside attribute
 * values, boolean attributes, unclosed void tags), so XML parsers reject real files; the rules
 * only need tags, attributes and text, which this reads without building a tree.
 */

export interface WxmlElement {
  tag: string;
  attributes: Map<string, string>;
  line: number;
}

export interface WxmlText {
  text: string;
  line: number;
}

export interface WxmlDocument {
  elements: WxmlElement[];
  texts: WxmlText[];
}

/** Tags whose content is script, not text shown to the user. */
const SCRIPT_TAGS = new Set(['wxs']);

export function parseWxml(source: string): WxmlDocument {
  const elements: WxmlElement[] = [];
  const texts: WxmlText[] = [];
  let index = 0;
  let line = 1;
  let insideScript: string | null = null;

  const advanceTo = (end: number) => {
    for (let i = index; i < end; i += 1) if (source[i] === '\n') line += 1;
    index = end;
  };

  while (index < source.length) {
    if (source.startsWith('<!--', index)) {
      const end = source.indexOf('-->', index + 4);
      advanceTo(end === -1 ? source.length : end + 3);
      continue;
    }
    if (source[index] === '<') {
      const tagLine = line;
      const end = findTagEnd(source, index);
      const raw = source.slice(index + 1, end);
      advanceTo(end + 1);
      if (raw.startsWith('/')) {
        if (insideScript && raw.slice(1).trim() === insideScript) insideScript = null;
        continue;
      }
      const element = readTag(raw, tagLine);
      if (!element) continue;
      elements.push(element);
      if (SCRIPT_TAGS.has(element.tag) && !raw.trimEnd().endsWith('/')) insideScript = element.tag;
      continue;
    }
    const next = source.indexOf('<', index);
    const end = next === -1 ? source.length : next;
    const text = source.slice(index, end);
    if (!insideScript && text.trim() !== '') texts.push({ text: text.trim(), line: line + leadingNewlines(text) });
    advanceTo(end);
  }
  return { elements, texts };
}

function leadingNewlines(text: string): number {
  const match = /^\s*/.exec(text);
  return match ? (match[0].match(/\n/g) ?? []).length : 0;
}

/** The `>` closing a tag, skipping quoted attribute values (which may contain `>`). */
function findTagEnd(source: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < source.length; i += 1) {
    const char = source[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i;
    }
  }
  return source.length;
}

const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function readTag(raw: string, line: number): WxmlElement | null {
  const match = /^\s*([A-Za-z][\w:.-]*)/.exec(raw);
  if (!match) return null;
  const attributes = new Map<string, string>();
  const rest = raw.slice(match[0].length).replace(/\/\s*$/, '');
  for (const attribute of rest.matchAll(ATTRIBUTE)) {
    attributes.set(attribute[1], attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
  }
  return { tag: match[1], attributes, line };
}

/**
 * The words a `{{…}}`-bearing value shows: the literal parts plus string literals inside the
 * expressions (`{{name || '游客'}}` shows 游客); variables are unknown statically.
 */
export function shownText(value: string): string[] {
  const parts: string[] = [];
  let rest = value;
  for (;;) {
    const open = rest.indexOf('{{');
    if (open === -1) break;
    const close = rest.indexOf('}}', open + 2);
    if (close === -1) break;
    parts.push(rest.slice(0, open));
    const expression = rest.slice(open + 2, close);
    for (const literal of expression.matchAll(/'([^']*)'|"([^"]*)"/g)) parts.push(literal[1] ?? literal[2] ?? '');
    rest = rest.slice(close + 2);
  }
  parts.push(rest);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * Attributes that configure an element rather than show words. Everything else may be shown
 * (`placeholder`, and the props of custom components such as `title` or `actionText`).
 */
export function isConfigurationAttribute(name: string): boolean {
  return (
    /^(bind|catch|capture-bind|capture-catch|mut-bind)[:a-z]/.test(name) ||
    /^(data-|wx:|generic:|model:|aria-role)/.test(name) ||
    CONFIGURATION_ATTRIBUTES.has(name)
  );
}

const CONFIGURATION_ATTRIBUTES = new Set([
  'id',
  'class',
  'style',
  'src',
  'mode',
  'open-type',
  'type',
  'form-type',
  'name',
  'size',
  'url',
  'hover-class',
  'slot',
  'key',
  'lang',
  'app-parameter',
  'session-from',
  'send-message-path',
  'send-message-img',
  'scroll-x',
  'scroll-y',
  'enable-flex',
  'maxlength',
  'confirm-type',
  'value',
  'range',
  'range-key',
  'module',
  'is',
  'data',
  'path',
  'open-type-data',
  'color',
  'background-color',
  'width',
  'height',
  'target',
  'version',
  'module-name',
]);
