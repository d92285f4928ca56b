/**
 * The part of miniprogram-simulate (and j-component underneath) the app host uses. The package's
 * own typings need the global WechatMiniprogram namespace, which the test project does not load.
 */
export interface SimComponent {
  readonly dom: HTMLElement | undefined;
  readonly data: Record<string, unknown>;
  readonly instance: Record<string, unknown> & { setData(data: Record<string, unknown>, callback?: () => void): void };
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(eventName: string, options?: { detail?: unknown; bubbles?: boolean; composed?: boolean; capturePhase?: boolean }): void;
  setData(data: Record<string, unknown>, callback?: () => void): void;
  triggerLifeTime(lifetime: string, ...args: unknown[]): void;
  triggerPageLifeTime(lifetime: string, ...args: unknown[]): void;
  toJSON(): SimNodeJson;
}
export interface SimNodeJson {
  tagName: string;
  attrs: { name: string; value: unknown }[];
  event: Record<string, unknown>;
  children: (SimNodeJson | string)[];
}
export interface SimRootComponent extends SimComponent {
  attach(parent: Node): void;
  detach(): void;
}
export interface SimLoadOptions {
  compiler?: 'official' | 'simulate';
  rootPath?: string;
  /** Tag → an id from an earlier load(): reuse that component instead of registering it again. */
  usingComponents?: Record<string, string>;
}
export interface SimulateModule {
  load(componentPath: string, tagName: string, options: SimLoadOptions): string;
  render(id: string, properties?: Record<string, unknown>): SimRootComponent;
  sleep(ms?: number): Promise<void>;
}
