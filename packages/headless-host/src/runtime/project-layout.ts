/**
 * Where a project's mini program is, as DevTools decides: project.config.json `srcMiniprogramRoot`
 * (TypeScript templates), else `miniprogramRoot`; with neither (DevTools' own JS templates, or no
 * project.config.json at all) app.json at the project root, and failing that `miniprogram/`.
 */
import fs from 'node:fs';
import path from 'node:path';

export function resolveMiniprogramRoot(projectRoot: string): string {
  const root = path.resolve(projectRoot);
  const configPath = path.join(root, 'project.config.json');
  const config = fs.existsSync(configPath)
    ? (JSON.parse(fs.readFileSync(configPath, 'utf8')) as { miniprogramRoot?: unknown; srcMiniprogramRoot?: unknown })
    : {};
  const named = [config.srcMiniprogramRoot, config.miniprogramRoot].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  if (named !== undefined) return path.resolve(root, named);
  if (fs.existsSync(path.join(root, 'app.json'))) return root;
  if (fs.existsSync(path.join(root, 'miniprogram', 'app.json'))) return path.join(root, 'miniprogram');
  return root;
}
