/** What every protocol method works with: the running mini program and the connection's state. */
import type { AppHost, HostedPage } from '../runtime/app-host';
import type { WxFake } from '../runtime/wx-fake';
import type { ElementRegistry } from './element-registry';
import type { PageRegistry } from './page-registry';
import type { WxMocks } from './wx-mocks';

export interface TestAccount {
  username: string;
  password: string | undefined;
  role: string;
}

export interface HostContext {
  host: AppHost;
  wxFake: WxFake;
  pages: PageRegistry;
  elements: ElementRegistry;
  mocks: WxMocks;
  /** The base library version reported to automator (project.config.json libVersion). */
  sdkVersion: string;
  testAccounts: TestAccount[];
  /** Sends an event (`{method, params}`) to the connected automator. */
  emit(method: string, params: unknown): void;
  /** Forward console output as App.logAdded (automator sends App.enableLog when a spec listens). */
  enableLog(): void;
  /** Tool.close: the spec is done with this host. */
  requestClose(): void;
}

export type Params = Record<string, unknown>;
export type MethodHandler = (context: HostContext, params: Params) => unknown;

export function pageOf(context: HostContext, params: Params): HostedPage {
  return context.pages.get(params.pageId);
}
