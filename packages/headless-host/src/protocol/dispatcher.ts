/** One table of every protocol method the host answers; anything else gets a clear error. */
import { appMethods } from './app-methods';
import type { HostContext, MethodHandler, Params } from './context';
import { elementMethods } from './element-methods';
import { ProtocolError } from './errors';
import { pageMethods } from './page-methods';
import { toolMethods } from './tool-methods';

export const methods: Readonly<Record<string, MethodHandler>> = { ...appMethods, ...pageMethods, ...elementMethods, ...toolMethods };

export async function dispatch(context: HostContext, method: string, params: Params): Promise<unknown> {
  const handler = methods[method];
  if (!handler)
    throw new ProtocolError(
      `unknown method ${method}: the headless host does not implement it (see the miniprogram-headless-host README, "Fidelity")`,
    );
  return handler(context, params);
}
