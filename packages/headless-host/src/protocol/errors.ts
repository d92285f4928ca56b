/**
 * Errors the host answers with. automator turns `{error: {message}}` into `Error(message)` in the
 * spec, so the message is all a spec author sees: it names the method and says what to do.
 */
export class ProtocolError extends Error {}

/** Layout, pixels and DevTools-only features: jsdom has no layout engine and there is no IDE. */
export class NotSupportedHeadless extends ProtocolError {
  constructor(method: string, why: string) {
    super(`${method} is not supported headless: ${why}. Run this spec against WeChat DevTools (set WX_DEVTOOLS_CLI) for it.`);
  }
}

export const NO_LAYOUT =
  'the headless host renders into jsdom, which has no layout (sizes, offsets, scrolling and styles are not computed)';
export const NO_PIXELS = 'nothing is painted headless, so there are no pixels to capture';
export const DEVTOOLS_ONLY = 'it is a WeChat DevTools feature with no headless counterpart';
