/**
 * The server the dynamic rules run against: the project's own server with a fake WeChat, on a
 * throwaway database. A fork keeping the template's layout gets the development stack; any other
 * project names a module in review.config.json (`server.entry`) exporting `startReviewTarget()`.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReviewProject } from '../../project';
import { startDevStackTarget } from './dev-stack-target';

/** One call the fake WeChat received (query and body fields, secrets left out). */
export type FakeWeChatCall = Readonly<Record<string, unknown>>;

export interface ReviewTarget {
  /** Where the server listens, e.g. http://127.0.0.1:PORT. */
  apiUrl: string;
  /** The fake WeChat the server talks to: its URL (wx.login codes for rendered pages) and what it was asked. */
  fake: {
    url: string;
    calls: { readonly msg_sec_check: readonly FakeWeChatCall[]; readonly media_check_async: readonly FakeWeChatCall[] };
  };
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

export const DEV_STACK_MODULE = 'server/src/dev/dev-stack.ts';

/** Where the target comes from, for messages: the module path, or undefined when the project has no server. */
export function reviewTargetSource(project: ReviewProject): string | undefined {
  const entry = project.config.server?.entry;
  if (entry === false) return undefined;
  if (typeof entry === 'string') return entry;
  return fs.existsSync(path.join(project.root, DEV_STACK_MODULE)) ? DEV_STACK_MODULE : undefined;
}

export async function startReviewTarget(project: ReviewProject): Promise<ReviewTarget | undefined> {
  const source = reviewTargetSource(project);
  if (!source) return undefined;
  const modulePath = path.join(project.root, source);
  if (source === DEV_STACK_MODULE && project.config.server?.entry === undefined) return startDevStackTarget(modulePath);
  if (!fs.existsSync(modulePath)) throw new Error(`review.config.json server.entry ${source} does not exist`);
  // require, like run-review.ts: the kit compiles as CommonJS, and tsx and jest both load .ts this way.
  const loaded = require(modulePath) as { startReviewTarget?: StartReviewTarget };
  if (typeof loaded.startReviewTarget !== 'function') throw new Error(`${source} must export startReviewTarget(): Promise<ReviewTarget> (tools/review/rules/dynamic/review-target.ts)`);
  return loaded.startReviewTarget();
}
