/**
 * Mini program folders hold `index.json` beside `index.ts`, and simulate requires a component by
 * its extensionless path. Node tries `.json` before `.ts` (tsx appends `.ts` to the list), so in a
 * plain Node process a page would load as its JSON and never call Component(). Jest avoids this
 * with `moduleFileExtensions: ['ts', 'js', 'json']`; this does the same for the mini program root.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';

type Resolve = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const patchedRoots = new Set<string>();

export function preferScriptsUnder(rootPath: string): void {
  const root = path.resolve(rootPath) + path.sep;
  if (patchedRoots.has(root)) return;
  patchedRoots.add(root);
  const internals = Module as unknown as { _resolveFilename: Resolve };
  const original = internals._resolveFilename;
  internals._resolveFilename = function resolveScriptFirst(request, parent, isMain, options) {
    if (path.isAbsolute(request) && request.startsWith(root) && path.extname(request) === '') {
      for (const ext of ['.ts', '.js']) {
        if (fs.existsSync(request + ext)) return request + ext;
      }
    }
    return original.call(this, request, parent, isMain, options);
  };
}
