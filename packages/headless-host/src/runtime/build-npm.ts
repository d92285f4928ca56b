/**
 * DevTools' 构建 npm, for projects that commit no `miniprogram_npm`: when the mini program's
 * package.json (or the project's) has `dependencies` and no `miniprogram_npm` folder exists yet,
 * miniprogram-ci's `packNpmManually` builds it beside that package.json's target, exactly where
 * DevTools would (project.config.json `setting.packNpmRelationList` is honoured). It needs the
 * dependencies installed (`npm install`); the folder is a build output (usually git-ignored).
 */
import fs from 'node:fs';
import path from 'node:path';

interface PackTarget {
  packageJsonPath: string;
  miniprogramNpmDistDir: string;
}

function hasDependencies(packageJsonPath: string): boolean {
  if (!fs.existsSync(packageJsonPath)) return false;
  const pkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as { dependencies?: Record<string, string> };
  return Object.keys(pkg.dependencies ?? {}).length > 0;
}

/** Where 构建 npm would pack, for this project. */
export function npmPackTargets(projectRoot: string, miniprogramRoot: string): PackTarget[] {
  const configPath = path.join(projectRoot, 'project.config.json');
  const config = fs.existsSync(configPath)
    ? (JSON.parse(fs.readFileSync(configPath, 'utf8')) as {
        setting?: { packNpmRelationList?: { packageJsonPath?: string; miniprogramNpmDistDir?: string }[] };
      })
    : {};
  const listed = (config.setting?.packNpmRelationList ?? [])
    .filter((entry) => entry.packageJsonPath && entry.miniprogramNpmDistDir)
    .map((entry) => ({
      packageJsonPath: path.resolve(projectRoot, entry.packageJsonPath as string),
      miniprogramNpmDistDir: path.resolve(projectRoot, entry.miniprogramNpmDistDir as string),
    }));
  if (listed.length > 0) return listed;
  for (const dir of [miniprogramRoot, projectRoot]) {
    const packageJsonPath = path.join(dir, 'package.json');
    if (fs.existsSync(packageJsonPath)) return [{ packageJsonPath, miniprogramNpmDistDir: miniprogramRoot }];
  }
  return [];
}

/** Builds the missing miniprogram_npm folders; returns one line per build for the host's log. */
export async function buildMissingMiniprogramNpm(projectRoot: string, miniprogramRoot: string): Promise<string[]> {
  const lines: string[] = [];
  for (const target of npmPackTargets(projectRoot, miniprogramRoot)) {
    if (!hasDependencies(target.packageJsonPath) || fs.existsSync(path.join(target.miniprogramNpmDistDir, 'miniprogram_npm'))) continue;
    const { packNpmManually } = require('miniprogram-ci') as typeof import('miniprogram-ci');
    const result = await packNpmManually(target);
    const where = path.relative(projectRoot, path.join(target.miniprogramNpmDistDir, 'miniprogram_npm')) || 'miniprogram_npm';
    lines.push(
      `built ${where} (as DevTools' 构建 npm): ${result.miniProgramPackNum} mini program packages, ${result.otherNpmPackNum} other packages`,
    );
    for (const warning of result.warnList) lines.push(`构建 npm: ${JSON.stringify(warning)}`);
  }
  return lines;
}
