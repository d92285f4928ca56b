/**
 * setData and callMethod on a page or a custom component: the same for both (a page built with
 * Component() is a component), so Page.* and Element.* share them.
 */
import type { SimComponent } from '../runtime/simulate';
import { toWire } from './data-path';
import type { HostContext, Params } from './context';
import { ProtocolError } from './errors';
import { errorMessage } from './wx-api-call';

type Instance = SimComponent['instance'];

export async function setInstanceData(
  context: HostContext,
  api: string,
  instance: Instance,
  params: Params,
): Promise<Record<string, never>> {
  if (params.data === null || typeof params.data !== 'object') throw new ProtocolError(`${api}: data must be an object`);
  instance.setData(params.data as Record<string, unknown>);
  await context.host.settle();
  return {};
}

/** `owner` names the page or component in errors (`pages/forum/index`, `<privacy-popup>`). */
export async function callInstanceMethod(
  context: HostContext,
  api: string,
  owner: string,
  instance: Instance,
  params: Params,
): Promise<{ result: unknown }> {
  const method = String(params.method ?? '');
  const fn = instance[method];
  if (typeof fn !== 'function') throw new ProtocolError(`${api}: ${owner} has no method "${method}"`);
  let result: unknown;
  try {
    result = await (fn as (...args: unknown[]) => unknown).apply(instance, Array.isArray(params.args) ? params.args : []);
  } catch (error: unknown) {
    throw new ProtocolError(`${api}: ${method} threw: ${errorMessage(error)}`);
  }
  await context.host.settle();
  return { result: toWire(result) };
}
