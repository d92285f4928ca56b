/**
 * The server the dynamic rules run against: the project's own server with a stand-in for WeChat,
 * on a throwaway database. The project names a module in review.config.json (`server.entry`)
 * exporting `startReviewTarget()`: that module is the project's adapter, the only place that
 * knows how its server starts, how its users log in and what its fake WeChat judges risky.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReviewProject } from '../../project';

/** One call the fake WeChat received (query and body fields, secrets left out). */
export type FakeWeChatCall = Readonly<Record<string, unknown>>;

export interface ReviewTarget {
  /** Where the server listens, e.g. http://127.0.0.1:PORT. */
  apiUrl: string;
  /** What the stand-in for WeChat was asked: the kit reads these logs to tell checked routes from unchecked ones. */
  fake: {
    calls: { readonly msg_sec_check: readonly FakeWeChatCall[]; readonly media_check_async: readonly FakeWeChatCall[] };
  };
  /**
   * Text the target's content check judges risky (its fake WeChat's rule): the kit sends it, with a
   * unique token appended, into every text field. `server.riskyText` in review.config.json overrides it.
   */
  riskyText?: string;
  /**
   * For rendering pages: a URL answering `POST {openid}` with `{ code }`, where the headless `wx.login`
   * gets its codes (see miniprogram-headless-host's `loginCodeUrl`). Without it, wx.login fails.
   */
  loginCodeUrl?: string;
  /** The server's OpenAPI document; default: GET {apiUrl}/docs/json. */
  openApi?(): unknown;
  /** Authorization headers of users who may write: a member allowed to post, and a moderator when the app has them. */
  sessions?(): Promise<{ member?: Record<string, string>; moderator?: Record<string, string> }>;
  /** Query strings for pages that need one (`{ 'pages/post/index': 'id=7' }`), from the seeded data. */
  pageQueries?(): Promise<Record<string, string>>;
  /** Path parameter values for write routes (`{ id: 7 }`), from the seeded data. */
  pathParams?(): Promise<Record<string, string | number>>;
  close(): Promise<void>;
}

export type StartReviewTarget = () => Promise<ReviewTarget>;

/** Where the target comes from, for messages: the module path, or undefined when the project names none. */
export function reviewTargetSource(project: ReviewProject): string | undefined {
  const entry = project.config.server?.entry;
  return typeof entry === 'string' && entry !== '' ? entry : undefined;
}

export async function startReviewTarget(project: ReviewProject): Promise<ReviewTarget | undefined> {
  const source = reviewTargetSource(project);
  if (!source) return undefined;
  const modulePath = path.join(project.root, source);
  if (!fs.existsSync(modulePath)) throw new Error(`review.config.json server.entry ${source} does not exist`);
  // require, like run-review.ts: the kit compiles as CommonJS, and tsx and jest both load .ts this way.
  const loaded = require(modulePath) as { startReviewTarget?: StartReviewTarget };
  if (typeof loaded.startReviewTarget !== 'function')
    throw new Error(`${source} must export startReviewTarget(): Promise<ReviewTarget> (the ReviewTarget type of miniprogram-review-kit)`);
  return loaded.startReviewTarget();
}
