/**
 * Bytes per package of what upload would send: the offline miniprogram-ci compile's output, split
 * by app.json's subpackage roots ("main" is everything else). For the bench and build-check.
 */
import { compileOffline, type CompileResult } from './offline-compile';

export type PackageSizes = Record<string, number>;

function subpackageRoots(files: CompileResult['files']): string[] {
  const appJson = files['app.json'];
  if (appJson === undefined) return [];
  const app = JSON.parse(appJson.toString()) as { subpackages?: { root: string }[]; subPackages?: { root: string }[] };
  return [...(app.subpackages ?? []), ...(app.subPackages ?? [])].map((sub) => sub.root.replace(/^\/+/, '').replace(/\/?$/, '/'));
}

export function packageSizes(files: CompileResult['files']): PackageSizes {
  const roots = subpackageRoots(files);
  const sizes: PackageSizes = { main: 0 };
  for (const root of roots) sizes[root] = 0;
  for (const [name, content] of Object.entries(files)) {
    const owner = roots.find((root) => name.startsWith(root)) ?? 'main';
    sizes[owner] += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  return sizes;
}

/** Compiles the project (folder with project.config.json) offline and returns bytes per package. */
export async function compiledSize(projectPath: string): Promise<PackageSizes> {
  return packageSizes((await compileOffline(projectPath)).files);
}
