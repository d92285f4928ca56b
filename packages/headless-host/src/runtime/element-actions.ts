/**
 * What a user does to elements: tap (an agreePrivacyAuthorization button also grants privacy and
 * fires its event; a form-type="submit" button submits its form with the typed values) and type
 * into inputs. Also finding an element with a useful error. Each action is followed by settle().
 */
import type { SimComponent } from './simulate';
import type { HostedPage } from './page-stack';
import type { WxFake } from './wx-fake';

export interface ElementActions {
  find(selector: string, page: HostedPage): SimComponent;
  tapElement(element: SimComponent): Promise<void>;
  inputElement(element: SimComponent, value: string): Promise<void>;
  typedValue(element: SimComponent): string | undefined;
}

export interface ElementActionDeps {
  fake: WxFake;
  settle(): Promise<void>;
  /** The real setTimeout (not the one counting app timers as work). */
  nextMacrotask(): Promise<void>;
}

function attribute(element: SimComponent, names: string[]): string | undefined {
  const json = element.toJSON();
  for (const attr of json.attrs) if (names.includes(attr.name) && typeof attr.value === 'string') return attr.value;
  for (const name of names) {
    const value = element.dom?.getAttribute(name);
    if (value) return value;
  }
  return undefined;
}

/** The simulate wrapper of a rendered DOM node (exparser keeps its node on `__wxElement`). */
function wrapperOf(dom: Element, like: SimComponent): SimComponent | undefined {
  const node = (dom as unknown as { __wxElement?: object }).__wxElement;
  if (!node) return undefined;
  const Wrapper = like.constructor as new (exparserNode: object) => SimComponent;
  return new Wrapper(node);
}

const nodeKey = (element: SimComponent): object => (element as unknown as { _exparserNode: object })._exparserNode;

export function createElementActions(deps: ElementActionDeps): ElementActions {
  /** What the user typed into each input (by node), for form submission. */
  const typedValues = new WeakMap<object, string>();

  function find(selector: string, page: HostedPage): SimComponent {
    const found = page.component.querySelector(selector);
    if (!found) throw new Error(`no element matches "${selector}" on ${page.route}:\n${page.component.dom?.innerHTML ?? ''}`);
    return found;
  }

  /** `<button form-type="submit">` submits its form with the named fields' values, as WeChat does. */
  function submitEnclosingForm(button: SimComponent): void {
    const formDom = button.dom?.closest('wx-form');
    const form = formDom ? wrapperOf(formDom, button) : undefined;
    if (!formDom || !form) return;
    const value: Record<string, string> = {};
    for (const fieldDom of Array.from(formDom.querySelectorAll('*'))) {
      const field = wrapperOf(fieldDom, button);
      const name = field ? attribute(field, ['name']) : undefined;
      if (!field || !name || name in value) continue;
      value[name] = typedValues.get(nodeKey(field)) ?? attribute(field, ['value']) ?? '';
    }
    form.dispatchEvent('submit', { detail: { value, target: {} } });
  }

  async function tapElement(element: SimComponent): Promise<void> {
    element.dispatchEvent('tap');
    // wcc output names it openType, the simulate compiler open-type (catch 3).
    const openType = attribute(element, ['openType', 'open-type', 'opentype']);
    if (openType === 'agreePrivacyAuthorization') {
      const id = attribute(element, ['id']) ?? '';
      deps.fake.privacy.recordAgreeTap(id);
      element.dispatchEvent('agreeprivacyauthorization', { detail: {} });
    }
    const formType = attribute(element, ['formType', 'form-type', 'formtype']);
    if (formType === 'submit') {
      // The tap handlers run first (events are dispatched on a microtask), then the form submits.
      await deps.nextMacrotask();
      submitEnclosingForm(element);
    }
    await deps.settle();
  }

  async function inputElement(element: SimComponent, value: string): Promise<void> {
    typedValues.set(nodeKey(element), value);
    element.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
    await deps.settle();
  }

  return { find, tapElement, inputElement, typedValue: (element) => typedValues.get(nodeKey(element)) };
}
