/**
 * miniprogram-headless-host: a native WeChat mini program headless (miniprogram-simulate in
 * jsdom) behind miniprogram-automator's WebSocket protocol. `startHeadlessHost()` is the host;
 * `./runtime` is the wx fake and app host alone; HostBackend is what a project's adapter returns.
 */
export { startHeadlessHost, USER_PACED_TIMER_MS, type HeadlessHost, type HeadlessHostOptions } from './headless-host';
export type { HostBackend, HostBackendOptions, StartHostBackend } from './backend';
export type { TestAccount } from './protocol/context';
export * from './runtime/index';
