/**
 * Module resolution as WeChat does it, for scripts under a mini program root (in a plain Node
 * process; jest has its own resolver and `moduleFileExtensions`):
 *
 * - an extensionless path prefers `.ts`/`.js` over the `index.json` beside it (Node tries `.json`
 *   first, so a page would load as its JSON and never call Component());
 * - `require('utils/util.js')` (no `./`) is relative to the requiring file first, as in WeChat;
 * - `/utils/util` is relative to the mini program root;
 * - `require('pkg')`, `require('pkg/sub/index')` come from `miniprogram_npm` (the nearest one
 *   walking up from the file to the root), as DevTools' 构建 npm lays them out;
 * - `require.async(path)` answers a promise of the module (subpackage async loading).
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const patchedRoots = new Set<string>();
const roots: string[] = [];

const SCRIPT_EXTENSIONS = ['.ts', '.js'];

/** `base` as a script file: itself, with an extension, or its folder's index. */
function asScript(base: string): string | undefined {
  if (path.extname(base) !== '' && isFile(base)) return base;
  for (const ext of SCRIPT_EXTENSIONS) if (isFile(base + ext)) return base + ext;
  for (const ext of SCRIPT_EXTENSIONS) if (isFile(path.join(base, `index${ext}`))) return path.join(base, `index${ext}`);
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The nearest `miniprogram_npm/<request>` walking up from `fromDir` to `root`. */
export function findInMiniprogramNpm(
  request: string,
  fromDir: string,
  root: string,
  resolve: (base: string) => string | undefined = asScript,
): string | undefined {
  let dir = fromDir;
  for (;;) {
    const found = resolve(path.join(dir, 'miniprogram_npm', request));
    if (found) return found;
    if (dir === root || !dir.startsWith(root)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function rootOf(file: string): string | undefined {
  return roots.find((root) => file.startsWith(root + path.sep) || file === root);
}

/** Where WeChat would find `request` required from `parentFile`, or undefined to let Node decide. */
export function resolveMiniprogramRequest(request: string, parentFile: string | undefined): string | undefined {
  if (!parentFile) return undefined;
  const root = rootOf(parentFile);
  if (!root) return undefined;
  const fromDir = path.dirname(parentFile);
  if (request.startsWith('./') || request.startsWith('../')) return asScript(path.resolve(fromDir, request));
  if (request.startsWith('/')) {
    if (request.startsWith(root + path.sep)) return asScript(request);
    return asScript(path.join(root, request));
  }
  if (request.startsWith('node:') || Module.isBuiltin(request)) return undefined;
  return asScript(path.resolve(fromDir, request)) ?? findInMiniprogramNpm(request, fromDir, root);
}

export function preferScriptsUnder(rootPath: string): void {
  const root = path.resolve(rootPath);
  if (patchedRoots.has(root)) return;
  patchedRoots.add(root);
  roots.push(root);
  roots.sort((a, b) => b.length - a.length);
  if (patchedRoots.size > 1) return;
  const internals = Module as unknown as {
    _resolveFilename: Resolve;
    prototype: { _compile: (content: string, filename: string) => unknown };
  };
  const original = internals._resolveFilename;
  internals._resolveFilename = function resolveLikeWeChat(request, parent, isMain, options) {
    const parentFile = (parent as { filename?: string } | undefined)?.filename ?? undefined;
    // A request from outside the mini program (simulate loading a page by absolute path).
    if (path.isAbsolute(request) && rootOf(request) && path.extname(request) === '') {
      const script = asScript(request);
      if (script) return script;
    }
    const found = resolveMiniprogramRequest(request, parentFile ?? undefined);
    if (found) return found;
    return original.call(this, request, parent, isMain, options);
  };
  // `require.async()`: added to the require of every module under a mini program root, on the
  // module's first line, after a "use strict" (line numbers in stacks stay right).
  const compile = internals.prototype._compile;
  internals.prototype._compile = function compileWithRequireAsync(content: string, filename: string) {
    if (rootOf(filename) && !filename.includes(`${path.sep}node_modules${path.sep}`)) {
      const prologue = /^(\s*(['"])use strict\2;?)?/.exec(content)?.[0] ?? '';
      const requireAsync =
        'require.async = (p) => new Promise((resolve, reject) => { try { resolve(require(p)); } catch (e) { reject(e); } });';
      content = prologue + requireAsync + content.slice(prologue.length);
    }
    return compile.call(this, content, filename);
  };
}
