/**
 * Estimates a package as WeChat counts it (2 MB main-package limit): every file under the given root
 * that ships, including miniprogram_npm, with TypeScript sources measured as the JavaScript
 * DevTools' TypeScript plugin turns them into.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const MAIN_PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

export interface PackageSize {
  totalBytes: number;
  npmBytes: number;
  files: number;
  largest: { file: string; bytes: number }[];
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

function shippedBytes(file: string): number {
  if (file.endsWith('.d.ts')) return 0;
  if (file.endsWith('.ts')) {
    const output = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, removeComments: true },
    });
    return Buffer.byteLength(output.outputText);
  }
  if (file.endsWith('.map')) return 0; // source maps are not uploaded
  return fs.statSync(file).size;
}

export function measurePackage(root: string): PackageSize {
  const sizes = [...walk(root)].map((file) => ({ file: path.relative(root, file), bytes: shippedBytes(file) }));
  const totalBytes = sizes.reduce((sum, s) => sum + s.bytes, 0);
  const npmBytes = sizes.filter((s) => s.file.startsWith('miniprogram_npm')).reduce((sum, s) => sum + s.bytes, 0);
  return { totalBytes, npmBytes, files: sizes.length, largest: [...sizes].sort((a, b) => b.bytes - a.bytes).slice(0, 5) };
}
