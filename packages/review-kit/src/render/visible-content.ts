/**
 * What a user would see of a rendered page: its text nodes and images, leaving out elements
 * hidden with `hidden` or `display: none` (jsdom has no layout, so this is all we can know).
 */

export interface VisibleContent {
  texts: string[];
  imageCount: number;
}

const IMAGE_TAGS = new Set(['WX-IMAGE', 'WX-COVER-IMAGE', 'IMG']);

function isHidden(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  const style = element.getAttribute('style') ?? '';
  return /(^|;)\s*display\s*:\s*none/i.test(style);
}

export function visibleContent(root: Node | null | undefined): VisibleContent {
  const texts: string[] = [];
  let imageCount = 0;
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) texts.push(text);
      return;
    }
    if (node.nodeType !== 1) return;
    const element = node as Element;
    if (isHidden(element)) return;
    if (IMAGE_TAGS.has(element.tagName.toUpperCase())) imageCount += 1;
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  if (root) walk(root);
  return { texts, imageCount };
}
