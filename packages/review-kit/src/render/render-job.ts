/**
 * What the parent asks the page-rendering child process to do, and what it answers. Shared by
 * both sides; plain data, because it crosses the process boundary as JSON.
 */

export interface RenderJob {
  /** Absolute path of the mini program root (where app.json is). */
  miniprogramRoot: string;
  /** The API base URL compiled into the mini program; its requests are sent to `apiUrl` instead. */
  apiBaseUrl: string;
  /** The review server; undefined when the project has none (requests then fail as if offline). */
  apiUrl?: string;
  /** Where wx.login gets its codes (POST {openid} → {code}); ReviewTarget.loginCodeUrl. */
  loginCodeUrl?: string;
  pages: { route: string; query?: string }[];
  /** How long a page may keep requests and timers pending before it counts as loading forever. */
  settleTimeoutMs: number;
}

export interface RenderedPage {
  route: string;
  /** The URL the page was opened with (route and query). */
  url: string;
  /** Text a user sees, one entry per text node (hidden elements left out), in document order. */
  texts: string[];
  /** Images shown (`<image>`, `<cover-image>`). */
  imageCount: number;
  /** False when the page still had requests or timers pending at the deadline. */
  settled: boolean;
  /** What was still pending, when not settled. */
  pending?: string;
  /** The page could not be opened (an exception in its code, an unknown page…). */
  error?: string;
}

export interface RenderResult {
  pages: RenderedPage[];
}
