/**
 * The part of `review.config.json` the dynamic rules read: which server to start, how to reach
 * pages and routes that need a parameter, and which write routes take strings that are not user
 * content (so the ugc-unchecked rule does not exercise them).
 */

/** A write route whose string fields are not user content shown to others, with why. */
export interface UgcExemption {
  /** `METHOD /path` as the OpenAPI document names it (`POST /posts/{id}/comments`; `:id` works too); `*` matches anything. */
  route: string;
  /** Only these body fields (default: every field of the route). */
  fields?: string[];
  /** Why this text needs no content check (credentials, an enum-like value, text only moderators read…). Required. */
  reason: string;
}

export interface ReviewServerConfig {
  /**
   * Module (relative to the project root) exporting `startReviewTarget()` (see review-target.ts): the
   * project's adapter. Unset: no server is started (ugc-unchecked warns); `false`: the project has
   * no server (ugc-unchecked says so as info). Either way pages render against an unreachable API.
   */
  entry?: string | false;
  /** Folder (relative to the project root) searched for route declarations, for file:line in findings. Default: the first folder of `entry`. */
  sourceDir?: string;
  /** Text the server's content check judges risky; overrides the target's `riskyText`. */
  riskyText?: string;
  ugcExemptions?: UgcExemption[];
  /** Path parameter values for write routes, by name (`{ "id": 7 }`); the server target may supply defaults. */
  pathParams?: Record<string, string | number>;
  /** Multipart upload routes that declare no body schema (so OpenAPI cannot tell), e.g. `POST /media`. */
  uploadRoutes?: string[];
  /** The API base URL compiled into the mini program, rewritten to the review server (default: read from `apiBaseUrlFile`). */
  apiBaseUrl?: string;
}
