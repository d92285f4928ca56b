/**
 * The review kit's vocabulary: a rule checks one of WeChat's common rejection reasons and returns
 * findings; the report prints them, and any `blocking` finding makes `review-kit` (and the
 * upload/preview wrappers) fail.
 */

export type Severity = 'blocking' | 'warning' | 'info';

export interface Finding {
  /** The rule that produced it, e.g. `forced-login` (stable: tests, docs and --json rely on it). */
  ruleId: string;
  severity: Severity;
  /** What is wrong, in English, for the developer. */
  message: string;
  /** Where: a path relative to the project root, with a 1-based line when known. */
  file?: string;
  line?: number;
  /** A mini program route (`pages/forum/index`) or server route (`POST /posts`) when that is where it shows. */
  page?: string;
  route?: string;
  /** How to fix it. */
  fix: string;
  /** The offending text or value (e.g. the matched words), which `review.config.json` exemptions match on. */
  evidence?: string;
}

/** `develop`: `review-kit`; `upload`: the upload/preview wrappers (release-only rules become blocking). */
export type ReviewMode = 'develop' | 'upload';

export interface ReviewOptions {
  /** The project (fork) root: where package.json and project.config.json are. */
  root: string;
  mode: ReviewMode;
  /** Skip the rules that render pages or start the server (fast, static only). */
  staticOnly?: boolean;
  /** `--server URL`: also probe this live server (the only time the kit uses the network). */
  server?: string;
  /** Environment for values that never live in the repo (test-account password…); default process.env. */
  env?: Record<string, string | undefined>;
}

export interface Rule {
  id: string;
  /** One line: the rejection reason this rule guards against. */
  title: string;
  run(project: import('./project').ReviewProject, options: ReviewOptions): Promise<Finding[]>;
}
