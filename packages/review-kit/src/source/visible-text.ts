/**
 * Every piece of text a user may see, gathered from the sources with its location: WXML text and
 * displayed attributes, string literals in scripts, navigation-bar and tab-bar titles, and
 * (optionally) the server's seed content. Identifiers, class names, ids and comments are left out.
 */
import type { ReviewProject, SourceFile } from '../project';
import { appJsonFile, isScript, isWxml, lineContaining, pageOfFile, readJson, readProjectFile } from './project-files';
import { visibleStrings } from './ts-source';
import { isConfigurationAttribute, parseWxml, shownText } from './wxml';

export type TextOrigin = 'wxml' | 'script' | 'json' | 'seed';

export interface TextHit {
  text: string;
  file: string;
  line: number;
  page?: string;
  origin: TextOrigin;
}

/** review.config.json `seedContentFiles`; none unless the project names them. */
export const DEFAULT_SEED_CONTENT_FILES: string[] = [];

function wxmlText(project: ReviewProject, file: SourceFile): TextHit[] {
  const page = pageOfFile(project, file);
  const document = parseWxml(file.text);
  const hits: TextHit[] = [];
  for (const node of document.texts) {
    for (const text of shownText(node.text)) hits.push({ text, file: file.path, line: node.line, page, origin: 'wxml' });
  }
  for (const element of document.elements) {
    for (const [name, value] of element.attributes) {
      if (isConfigurationAttribute(name)) continue;
      for (const text of shownText(value)) hits.push({ text, file: file.path, line: element.line, page, origin: 'wxml' });
    }
  }
  return hits;
}

function scriptText(project: ReviewProject, file: SourceFile, origin: TextOrigin): TextHit[] {
  const page = origin === 'script' ? pageOfFile(project, file) : undefined;
  return visibleStrings(file.path, file.text).map((hit) => ({ ...hit, file: file.path, page, origin }));
}

/** Titles in page JSON (`navigationBarTitleText`) and app.json (window title, tab texts). */
function jsonText(project: ReviewProject, file: SourceFile): TextHit[] {
  const json = readJson<Record<string, unknown>>(file);
  if (!json) return [];
  const page = pageOfFile(project, file);
  const hits: TextHit[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '' && !value.startsWith('@')) {
      hits.push({ text: value, file: file.path, line: lineContaining(file.text, JSON.stringify(value)), page, origin: 'json' });
    }
  };
  add(json.navigationBarTitleText);
  if (file === appJsonFile(project)) {
    const window = json.window as Record<string, unknown> | undefined;
    add(window?.navigationBarTitleText);
    for (const item of project.appJson.tabBar?.list ?? []) add(item.text);
  }
  return hits;
}

export function seedContentFiles(project: ReviewProject): SourceFile[] {
  const configured = project.config.seedContentFiles ?? DEFAULT_SEED_CONTENT_FILES;
  return configured.map((relativePath) => readProjectFile(project, relativePath)).filter((file): file is SourceFile => file !== undefined);
}

/** Test files and folders inside the mini program root: never shown to users. */
const TEST_FILE = /(^|\/)(tests?|__tests__|__mocks__|e2e)\/|\.(spec|test)\.[jt]s$/;
/** Third-party code copied into the project: SDK folders and minified bundles. */
const VENDOR_DIR = /(^|\/)(vendors?|third[-_]?party|libs?\/sdk|sdk)\//i;

/** A file the app's authors wrote for users to see: not a test, not a vendored SDK or minified bundle. */
export function isAuthoredUiSource(file: SourceFile): boolean {
  if (TEST_FILE.test(file.path)) return false;
  if (!/\.[jt]s$/.test(file.path)) return true;
  if (/\.min\.js$/.test(file.path) || VENDOR_DIR.test(file.path)) return false;
  return !looksMinified(file.text);
}

/** Minified or generated: very long lines, or hardly any line breaks for its size. */
export function looksMinified(text: string): boolean {
  if (text.length < 2000) return false;
  const lines = text.split('\n');
  return lines.some((line) => line.length > 1000) || text.length / lines.length > 300;
}

export function collectVisibleText(project: ReviewProject, options: { includeSeed: boolean }): TextHit[] {
  const hits: TextHit[] = [];
  for (const file of project.miniprogramFiles.filter(isAuthoredUiSource)) {
    if (isWxml(file)) hits.push(...wxmlText(project, file));
    else if (isScript(file)) hits.push(...scriptText(project, file, 'script'));
    else if (file.path.endsWith('.json')) hits.push(...jsonText(project, file));
  }
  if (options.includeSeed) for (const file of seedContentFiles(project)) hits.push(...scriptText(project, file, 'seed'));
  return hits;
}

/**
 * Finds terms in text. A Latin term matches only as a whole word: letters, digits, `_` and `-`
 * around it make it part of an identifier (`testAccount`, `test-login-entry`), not a word.
 */
export function findTerms(text: string, terms: RegExp[]): string[] {
  const found: string[] = [];
  for (const term of terms) {
    const pattern = new RegExp(term.source, term.flags.includes('g') ? term.flags : `${term.flags}g`);
    for (const match of text.matchAll(pattern)) {
      const before = text[match.index - 1] ?? '';
      const after = text[match.index + match[0].length] ?? '';
      const latin = /^[A-Za-z0-9]/.test(match[0]);
      if (latin && (/[A-Za-z0-9_-]/.test(before) || /[A-Za-z0-9_-]/.test(after))) continue;
      found.push(match[0]);
    }
  }
  return [...new Set(found)];
}
