/**
 * Where things are in a mini program project: a page's files, which page a file belongs to,
 * a page's JSON, and the line a JSON value sits on (JSON.parse forgets lines).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ReviewProject, SourceFile } from '../project';

/** The route a file belongs to (`pages/me/index` for `…/pages/me/index.wxml`), if it is a page's. */
export function pageOfFile(project: ReviewProject, file: SourceFile): string | undefined {
  const relativeToMiniprogram = path.relative(project.miniprogramRoot, file.absolutePath).split(path.sep).join('/');
  const route = relativeToMiniprogram.replace(/\.(ts|js|wxml|wxss|json|wxs)$/, '');
  return project.pages.includes(route) ? route : undefined;
}

/** A page's (or component's) file with the given extension; `.ts` falls back to `.js`. */
export function routeFile(project: ReviewProject, route: string, extension: 'ts' | 'wxml' | 'json'): SourceFile | undefined {
  const base = path.join(project.miniprogramRoot, route.replace(/^\//, ''));
  const candidates = extension === 'ts' ? [`${base}.ts`, `${base}.js`] : [`${base}.${extension}`];
  for (const candidate of candidates) {
    const file = project.miniprogramFiles.find((f) => f.absolutePath === candidate);
    if (file) return file;
  }
  return undefined;
}

export function readJson<T>(file: SourceFile | undefined): T | undefined {
  if (!file) return undefined;
  try {
    return JSON.parse(file.text) as T;
  } catch {
    return undefined;
  }
}

export interface PageJson {
  navigationBarTitleText?: string;
  usingComponents?: Record<string, string>;
  [key: string]: unknown;
}

export function pageJson(project: ReviewProject, route: string): PageJson | undefined {
  return readJson<PageJson>(routeFile(project, route, 'json'));
}

/** 1-based line of the first line containing `needle` (e.g. a JSON key or value), else 1. */
export function lineContaining(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index === -1 ? 1 : text.slice(0, index).split('\n').length;
}

/** The app.json file itself, for locations. */
export function appJsonFile(project: ReviewProject): SourceFile | undefined {
  const absolute = path.join(project.miniprogramRoot, 'app.json');
  return project.miniprogramFiles.find((f) => f.absolutePath === absolute);
}

/** The app script (app.ts or app.js). */
export function appScriptFile(project: ReviewProject): SourceFile | undefined {
  return ['app.ts', 'app.js']
    .map((name) => path.join(project.miniprogramRoot, name))
    .map((absolute) => project.miniprogramFiles.find((f) => f.absolutePath === absolute))
    .find(Boolean);
}

/**
 * Where the server's own code is, relative to the project root: review.config.json
 * `server.sourceDir`, or the first folder of `server.entry` (`backend/dev/x.ts` → `backend`);
 * undefined when neither says. Used to locate routes and content-check calls for the report.
 */
export function serverSourceDir(project: ReviewProject): string | undefined {
  const server = project.config.server ?? {};
  if (server.sourceDir) return server.sourceDir;
  if (typeof server.entry !== 'string' || server.entry === '') return undefined;
  return server.entry.includes('/') ? (server.entry.split('/')[0] as string) : '.';
}

/** A file outside the mini program (server seed, …) read on demand. */
export function readProjectFile(project: ReviewProject, relativePath: string): SourceFile | undefined {
  const absolutePath = path.join(project.root, relativePath);
  if (!fs.existsSync(absolutePath)) return undefined;
  return { path: project.relative(absolutePath), absolutePath, text: fs.readFileSync(absolutePath, 'utf8') };
}

export const isScript = (file: SourceFile) => /\.(ts|js)$/.test(file.path) && !file.path.endsWith('.d.ts');
export const isWxml = (file: SourceFile) => file.path.endsWith('.wxml');

/** The tab pages, then the entry page (`entryPagePath` or the first page): what a first open can show. */
export function entryPages(project: ReviewProject): string[] {
  const entry = typeof project.appJson.entryPagePath === 'string' ? project.appJson.entryPagePath : project.appJson.pages[0];
  const tabs = project.appJson.tabBar?.list.map((item) => item.pagePath) ?? [];
  return [
    ...new Set([entry, ...tabs].filter((route): route is string => typeof route === 'string').map((route) => route.replace(/^\//, ''))),
  ];
}
