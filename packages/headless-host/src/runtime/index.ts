/**
 * The headless runtime on its own (`miniprogram-headless-host/runtime`): a stateful wx fake and an
 * app host over miniprogram-simulate, for jest tests and tools that render a mini program without
 * the WebSocket host. Install the wx fake (and, outside a jsdom environment, the DOM) first.
 */
export { createAppHost, type AppHost, type AppHostOptions, type HostedPage } from './app-host';
export { installDom } from './dom';
export { preferScriptsUnder } from './script-resolution';
export type { SimComponent, SimLoadOptions, SimNodeJson, SimRootComponent, SimulateModule } from './simulate';
export { createWxFake, installedWxFake, installWxFake, loginCodeFromUrl } from './wx-fake';
export type * from './wx/types';
