/**
 * Compiles the mini program's templates and styles with WeChat's own compilers (wcc for WXML,
 * wcsc for WXSS, shipped in miniprogram-compiler), so a template DevTools would refuse fails here
 * first, with its file, instead of at upload or in a reviewer's hands.
 *
 * wcc is run once over every template, then per template when that fails (it may stop at the
 * first broken file). wcsc is run per stylesheet with the stylesheets it @imports,
 * because it only resolves imports among the files it is given. wcsc has been seen printing an
 * error and exiting 0, so a non-zero exit, `ERR:` on stderr or empty output all count as failure.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageSizes } from './compiled-size';
import { compileOffline } from './offline-compile';

export interface BuildProblem {
  kind: 'wxml' | 'wxss' | 'compile';
  /** Path relative to the mini program root, with forward slashes. */
  file: string;
  message: string;
}

export interface BuildCheckResult {
  wxmlFiles: string[];
  wxssFiles: string[];
  problems: BuildProblem[];
}

const IGNORED_DIRS = new Set(['miniprogram_npm', 'node_modules', '.git']);
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** Every file under root with the extension, relative, sorted, skipping npm output. */
export function listFiles(root: string, extension: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!IGNORED_DIRS.has(entry.name)) walk(path.join(dir, entry.name));
      } else if (entry.isFile() && entry.name.endsWith(extension)) {
        found.push(path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

function compilerDir(): string {
  const packageDir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'windows' : 'linux';
  return path.join(packageDir, 'bin', platform);
}

/**
 * The binary's path, runnable. npm does not always keep the executable bit (wcsc ships without
 * it); rather than changing node_modules, run a private copy.
 */
export function compilerBinary(name: 'wcc' | 'wcsc'): string {
  const file = path.join(compilerDir(), process.platform === 'win32' ? `${name}.exe` : name);
  if (!fs.existsSync(file)) throw new Error(`miniprogram-compiler has no ${name} for ${process.platform}: ${file}`);
  if (process.platform === 'win32') return file;
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return file;
  } catch {
    const stat = fs.statSync(file);
    const copy = path.join(os.tmpdir(), `build-check-${name}-${stat.size}-${Math.floor(stat.mtimeMs)}`);
    if (!fs.existsSync(copy)) {
      const partial = `${copy}.${process.pid}.tmp`;
      fs.copyFileSync(file, partial);
      fs.chmodSync(partial, 0o755);
      fs.renameSync(partial, copy);
    }
    return copy;
  }
}

function readJsonObject(file: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** wcc's custom-component arguments, as miniprogram-compiler builds them: count, then path, n, tags… */
function componentArgs(root: string, wxmlFiles: string[]): string {
  const args: string[] = [];
  let count = 0;
  for (const file of wxmlFiles) {
    const json = readJsonObject(path.join(root, file.replace(/\.wxml$/, '.json')));
    const using = json?.usingComponents;
    if (using && typeof using === 'object') {
      const tags = Object.keys(using);
      args.push(file, String(tags.length), ...tags);
      count += 1;
    }
  }
  return [String(count), ...args].join(' ');
}

const WXML_ERROR = /^(.+?\.wxml):(\d+):(\d+):\s*(.*)$/;

function runWcc(root: string, wxmlFiles: string[], wxsFiles: string[]): BuildProblem[] {
  const result = spawnSync(compilerBinary('wcc'), ['-d', '-cc', componentArgs(root, wxmlFiles), ...wxmlFiles, ...wxsFiles, '-gn', '$gwx'], {
    cwd: root,
    maxBuffer: MAX_OUTPUT_BYTES,
  });
  if (result.error) throw result.error;
  if (result.status === 0 && result.stdout.length > 0) return [];
  const problems: BuildProblem[] = [];
  for (const line of result.stderr
    .toString()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = WXML_ERROR.exec(line);
    if (match) problems.push({ kind: 'wxml', file: match[1], message: `${match[1]}:${match[2]}:${match[3]}: ${match[4]}` });
    else if (problems.length > 0) problems[problems.length - 1].message += `\n${line}`;
    else problems.push({ kind: 'wxml', file: '(wcc)', message: line });
  }
  if (problems.length === 0) {
    problems.push({ kind: 'wxml', file: '(wcc)', message: `wcc failed (exit ${String(result.status)}) without a message` });
  }
  return problems;
}

/**
 * One wcc run over everything; when it fails, each template again on its own, since wcc may stop
 * at the first broken file (imports are resolved at run time, so a lone template compiles).
 */
export function checkWxml(root: string, wxmlFiles = listFiles(root, '.wxml')): BuildProblem[] {
  if (wxmlFiles.length === 0) return [];
  const wxsFiles = listFiles(root, '.wxs');
  const together = runWcc(root, wxmlFiles, wxsFiles);
  if (together.length === 0) return [];
  const alone = wxmlFiles.flatMap((file) => runWcc(root, [file], wxsFiles));
  return alone.length > 0 ? alone : together;
}

const IMPORT = /@import\s+(?:url\()?\s*["']([^"']+)["']/g;

/** The stylesheet and, transitively, every stylesheet it @imports that exists (relative paths). */
function withImports(root: string, file: string): string[] {
  const seen = new Set<string>();
  const visit = (relative: string): void => {
    if (seen.has(relative)) return;
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    seen.add(relative);
    for (const match of fs.readFileSync(absolute, 'utf8').matchAll(IMPORT)) {
      const target = match[1].endsWith('.wxss') ? match[1] : `${match[1]}.wxss`;
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(relative), target);
      visit(path.posix.normalize(resolved));
    }
  };
  visit(file);
  return [...seen];
}

export function checkWxss(root: string, wxssFiles = listFiles(root, '.wxss')): BuildProblem[] {
  const problems: BuildProblem[] = [];
  const wcsc = compilerBinary('wcsc');
  for (const file of wxssFiles) {
    const result = spawnSync(wcsc, ['-db', '-pc', '0', ...withImports(root, file)], { cwd: root, maxBuffer: MAX_OUTPUT_BYTES });
    if (result.error) throw result.error;
    const stderr = result.stderr.toString();
    const errors = stderr
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('ERR:'))
      .map((line) => line.slice(4).trim());
    if (errors.length > 0) {
      for (const message of errors) problems.push({ kind: 'wxss', file, message });
    } else if (result.status !== 0) {
      problems.push({ kind: 'wxss', file, message: `wcsc exited ${String(result.status)}: ${stderr.trim() || 'no message'}` });
    } else if (result.stdout.length === 0) {
      problems.push({ kind: 'wxss', file, message: 'wcsc produced no output' });
    }
  }
  return problems;
}

export function checkMiniprogram(root: string): BuildCheckResult {
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new Error(`not a directory: ${root}`);
  const wxmlFiles = listFiles(root, '.wxml');
  const wxssFiles = listFiles(root, '.wxss');
  return { wxmlFiles, wxssFiles, problems: [...checkWxml(root, wxmlFiles), ...checkWxss(root, wxssFiles)] };
}

export interface CompileCheckResult {
  problems: BuildProblem[];
  /** Compiled bytes per package ("main" and each subpackage root), when the compile succeeded. */
  sizes?: Record<string, number>;
}

/** The folder with project.config.json: the mini program root itself or one of its parents. */
export function findProjectPath(root: string): string | undefined {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'project.config.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** upload's compile (TypeScript, babel, minify), offline; a failure names its file. */
export async function checkCompile(projectPath: string): Promise<CompileCheckResult> {
  try {
    const { files, refusedRequests } = await compileOffline(projectPath);
    const problems: BuildProblem[] = refusedRequests.map((url) => ({
      kind: 'compile',
      file: '(miniprogram-ci)',
      message: `tried to reach ${url} (refused: build-check runs offline)`,
    }));
    return { problems, sizes: packageSizes(files) };
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const file = /^file: (\S+)/.exec(message)?.[1] ?? '(miniprogram-ci)';
    return { problems: [{ kind: 'compile', file, message: message.replace(/^file: \S+\n\s*/, '') }] };
  }
}

export function formatSizes(sizes: Record<string, number>): string {
  return Object.entries(sizes)
    .map(([name, bytes]) => `${name} ${bytes} bytes`)
    .join(', ');
}

export function formatReport(result: BuildCheckResult): string {
  const counts = `${result.wxmlFiles.length} .wxml, ${result.wxssFiles.length} .wxss`;
  if (result.problems.length === 0) return `build-check: ok (${counts})`;
  const lines = result.problems.map((problem) => `  ${problem.file}  [${problem.kind}] ${problem.message.replace(/\n/g, '\n    ')}`);
  return [`build-check: ${result.problems.length} problem(s) in ${counts}:`, ...lines].join('\n');
}
