/**
 * Where a server route is declared, for the report: the first server file with a
 * `.post('/path'` (or put/patch/delete, type arguments allowed) call, trying the path without its leading segments too,
 * since routes are usually declared inside a plugin registered under a prefix.
 */
import fs from 'node:fs';
import path from 'node:path';
import { listFiles, type ReviewProject } from '../../../project';
import { serverSourceDir } from '../../../source/project-files';
import type { WriteRoute } from './write-routes';

const serverFiles = new WeakMap<ReviewProject, { path: string; lines: string[] }[]>();

function filesOf(project: ReviewProject): { path: string; lines: string[] }[] {
  let files = serverFiles.get(project);
  if (!files) {
    const dir = serverSourceDir(project);
    files =
      dir === undefined
        ? []
        : listFiles(path.join(project.root, dir), (file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts')).map((file) => ({
            path: project.relative(file),
            lines: fs.readFileSync(file, 'utf8').split('\n'),
          }));
    serverFiles.set(project, files);
  }
  return files;
}

export function routeSource(project: ReviewProject, route: WriteRoute): { file: string; line: number } | undefined {
  const segments = route.path
    .replace(/\{([^}]+)\}/g, ':$1')
    .split('/')
    .filter(Boolean);
  const method = route.method.toLowerCase();
  for (let start = 0; start < segments.length; start += 1) {
    const candidate = `/${segments.slice(start).join('/')}`;
    const found: { file: string; line: number }[] = [];
    for (const file of filesOf(project)) {
      // The path may sit on the line after `app.post(` once a formatter breaks the call.
      const index = file.lines.findIndex(
        (line, i) =>
          new RegExp(`\\.${method}\\b`).test(`${file.lines[i - 1] ?? ''} ${line}`) &&
          [`'${candidate}'`, `"${candidate}"`, `\`${candidate}\``].some((quoted) => line.includes(quoted)),
      );
      if (index !== -1) found.push({ file: file.path, line: index + 1 });
    }
    // Two plugins may declare the same tail under different prefixes (/moderation/users/:id/ban and
    // /console/users/:id/ban): prefer the file named after a dropped prefix segment.
    const prefixes = segments.slice(0, start).filter((segment) => !segment.startsWith(':'));
    const named = found.find((match) => prefixes.some((prefix) => match.file.split('/').some((part) => part.startsWith(prefix))));
    if (named ?? found[0]) return named ?? found[0];
  }
  return undefined;
}
