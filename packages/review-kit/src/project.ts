/**
 * What the review kit knows about a project (any native mini program), read once from disk:
 * where the mini program is, its app.json, its source files, and the kit's own settings
 * (`review.config.json` at the root, optional).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface AppJson {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
  subpackages?: { root: string; pages: string[] }[];
  tabBar?: { list: { pagePath: string; text?: string; iconPath?: string; selectedIconPath?: string }[] };
  requiredPrivateInfos?: string[];
  lazyCodeLoading?: string;
  [key: string]: unknown;
}

/**
 * A deliberate exception to a rule, kept in `review.config.json` with its reason: a matching
 * blocking or warning finding is reported as `info` (with the reason) instead.
 */
export interface ReviewExemption {
  /** The rule id, e.g. `test-text`. */
  rule: string;
  /** Only findings whose evidence (or message) contains this text. */
  text?: string;
  /** Only findings in these files (paths relative to the project root). */
  files?: string[];
  /** Only findings on these pages (`pages/me/index`). */
  pages?: string[];
  /** Why this is acceptable to WeChat's reviewers. Required: an exemption without a reason is ignored. */
  reason: string;
}

/** `review.config.json`: the facts a check cannot read from code. Every field is optional. */
export interface ReviewConfig {
  /** Service category to select in the admin console, e.g. `社交-社区/论坛`. */
  category?: string;
  /**
   * The reviewer test account. The username may be overridden by `TEST_ACCOUNT_USERNAME` (the
   * server's own variable); the password never lives here: it comes from `TEST_ACCOUNT_PASSWORD`
   * when the submission materials are printed. `required: false` (with `reason`) when nothing in
   * the app needs login. `entry`: where reviewers find the login (printed in the version notes).
   * `serverDefaultFile`: the server file holding `TEST_ACCOUNT_USERNAME ?? 'name'`, to warn when
   * the two names differ (default: none, no comparison).
   */
  testAccount?: { username?: string; required?: boolean; reason?: string; entry?: string; serverDefaultFile?: string };
  /** UGC security declaration: whether a team reviews content by hand (moderators). */
  ugcAuditTeam?: boolean;
  /** Pages that are login pages, when their route or title does not say so (`pages/signin/index`). */
  loginPages?: string[];
  /** Up to five pages to list as key pages on the submission form (default: derived from app.json). */
  keyPages?: string[];
  /** Where `apiBaseUrl` is defined, relative to the mini program root (default `config.ts`). */
  apiBaseUrlFile?: string;
  /** Server files holding content shown to users on a fresh install, checked like visible text (default: none). */
  seedContentFiles?: string[];
  exemptions?: ReviewExemption[];
  /** The server the dynamic rules start and exercise (rules/dynamic/dynamic-config.ts). */
  server?: import('./rules/dynamic/dynamic-config').ReviewServerConfig;
  /** Query strings for pages that need one to render, e.g. `{ "pages/post/index": "id=7" }`. */
  pageQueries?: Record<string, string>;
  [key: string]: unknown;
}

export interface SourceFile {
  /** Relative to the project root, with forward slashes. */
  path: string;
  absolutePath: string;
  text: string;
}

export interface ReviewProject {
  root: string;
  /** Absolute path of the mini program root (project.config.json `miniprogramRoot`). */
  miniprogramRoot: string;
  appJson: AppJson;
  /** Every page route of the main package and subpackages, as app.json lists them. */
  pages: string[];
  config: ReviewConfig;
  /** The mini program's own sources (.ts/.js/.wxml/.wxss/.json/.wxs), without miniprogram_npm. */
  miniprogramFiles: SourceFile[];
  relative(absolutePath: string): string;
}

const SOURCE_EXTENSIONS = new Set(['.ts', '.js', '.wxml', '.wxss', '.json', '.wxs']);
const SKIPPED_DIRS = new Set(['node_modules', 'miniprogram_npm', '.git']);

/**
 * Where the mini program's sources are, as DevTools decides: project.config.json
 * `srcMiniprogramRoot` (TypeScript templates), else `miniprogramRoot`; with neither (DevTools' own
 * JS templates, or no project.config.json at all) app.json at the project root, and failing that
 * the conventional `miniprogram/` folder.
 */
export function resolveMiniprogramRoot(projectRoot: string): string {
  const configPath = path.join(projectRoot, 'project.config.json');
  const config = fs.existsSync(configPath)
    ? (JSON.parse(fs.readFileSync(configPath, 'utf8')) as { miniprogramRoot?: unknown; srcMiniprogramRoot?: unknown })
    : {};
  const named = [config.srcMiniprogramRoot, config.miniprogramRoot].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  if (named !== undefined) return path.resolve(projectRoot, named);
  if (fs.existsSync(path.join(projectRoot, 'app.json'))) return projectRoot;
  if (fs.existsSync(path.join(projectRoot, 'miniprogram', 'app.json'))) return path.join(projectRoot, 'miniprogram');
  return projectRoot;
}

function cloudfunctionRoot(projectRoot: string): string | undefined {
  const configPath = path.join(projectRoot, 'project.config.json');
  if (!fs.existsSync(configPath)) return undefined;
  const { cloudfunctionRoot: named } = JSON.parse(fs.readFileSync(configPath, 'utf8')) as { cloudfunctionRoot?: unknown };
  return typeof named === 'string' && named.trim() !== '' ? path.resolve(projectRoot, named) : undefined;
}

/** Project-level tooling files that sit beside app.json when the mini program root is the project root. */
const PROJECT_TOOLING_FILES = new Set([
  'package.json',
  'package-lock.json',
  'project.config.json',
  'project.private.config.json',
  'tsconfig.json',
  'jsconfig.json',
  'review.config.json',
  '.eslintrc.json',
]);

export function listFiles(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...listFiles(full, keep));
    } else if (keep(full)) {
      found.push(full);
    }
  }
  return found.sort();
}

export function loadProject(root: string): ReviewProject {
  const absoluteRoot = path.resolve(root);
  const miniprogramRoot = resolveMiniprogramRoot(absoluteRoot);
  const appJsonPath = path.join(miniprogramRoot, 'app.json');
  if (!fs.existsSync(appJsonPath)) throw new Error(`no app.json at ${appJsonPath}: is ${absoluteRoot} a mini program project?`);
  const appJson = JSON.parse(fs.readFileSync(appJsonPath, 'utf8')) as AppJson;
  const subPackages = appJson.subPackages ?? appJson.subpackages ?? [];
  const pages = [...appJson.pages, ...subPackages.flatMap((sub) => sub.pages.map((page) => `${sub.root.replace(/\/$/, '')}/${page}`))];
  const configPath = path.join(absoluteRoot, 'review.config.json');
  const config = fs.existsSync(configPath) ? (JSON.parse(fs.readFileSync(configPath, 'utf8')) as ReviewConfig) : {};
  const relative = (absolutePath: string) => path.relative(absoluteRoot, absolutePath).split(path.sep).join('/');
  const isTooling = (file: string) => path.dirname(file) === absoluteRoot && PROJECT_TOOLING_FILES.has(path.basename(file));
  // Cloud functions (project.config.json cloudfunctionRoot) run on the server: not mini program sources.
  const cloudRoot = cloudfunctionRoot(absoluteRoot);
  const isCloudFunction = (file: string) => cloudRoot !== undefined && file.startsWith(cloudRoot + path.sep);
  const miniprogramFiles = listFiles(
    miniprogramRoot,
    (file) => SOURCE_EXTENSIONS.has(path.extname(file)) && !isTooling(file) && !isCloudFunction(file),
  ).map((absolutePath) => ({
    path: relative(absolutePath),
    absolutePath,
    text: fs.readFileSync(absolutePath, 'utf8'),
  }));
  return { root: absoluteRoot, miniprogramRoot, appJson, pages, config, miniprogramFiles, relative };
}
