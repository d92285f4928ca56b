/**
 * The host's backend adapter (`--backend MODULE`): how a project starts the server its mini
 * program talks to, where wx.login gets codes, and which test accounts Tool.getTestAccounts
 * reports. The module exports `startHostBackend()`; without one the CLI needs `--api-url`.
 */
import type { TestAccount } from './protocol/context';
import type { LoginCodeSource } from './runtime/wx/types';

export interface HostBackend {
  /** Where the API really is; requests to the mini program's built-in API base URL go here. */
  apiUrl: string;
  /** wx.login's codes (a function), or a URL answering `POST {openid}` with `{code}`. */
  loginCode?: LoginCodeSource;
  loginCodeUrl?: string;
  /** Reported by Tool.getTestAccounts (miniProgram.testAccounts()). */
  testAccounts?: TestAccount[];
  /** A line for the host's diagnostics (which server, which fake). */
  description?: string;
  close?(): Promise<void>;
}

export interface HostBackendOptions {
  /** The mini program project directory (`--project`). */
  projectRoot: string;
  /** Host diagnostics. */
  log(line: string): void;
}

export type StartHostBackend = (options: HostBackendOptions) => Promise<HostBackend>;

/** Loads `modulePath` (TypeScript works: the CLI runs under tsx) and starts its backend. */
export async function startBackendModule(modulePath: string, options: HostBackendOptions): Promise<HostBackend> {
  const loaded = require(modulePath) as { startHostBackend?: StartHostBackend };
  if (typeof loaded.startHostBackend !== 'function')
    throw new Error(`${modulePath} must export startHostBackend(options): Promise<HostBackend> (see miniprogram-headless-host's README)`);
  return loaded.startHostBackend(options);
}
