// `npm run build`: the server as plain JavaScript in server/dist/server.js, run by `node` with
// production dependencies only. esbuild bundles our own code and the workspace packages it uses
// (@wx-community-starter/contract ships TypeScript sources, which Node cannot load); every npm
// dependency stays external and is loaded from node_modules (better-sqlite3 and sharp are
// native). Types are checked first by `tsc --noEmit`, as esbuild only strips them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(serverDir, 'package.json'), 'utf8'));
const dependencies = Object.keys(pkg.dependencies ?? {});

execFileSync(
  process.execPath,
  [path.join(serverDir, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', path.join(serverDir, 'tsconfig.json')],
  { stdio: 'inherit' },
);

fs.rmSync(path.join(serverDir, 'dist'), { recursive: true, force: true });
await build({
  // The server, and the web console's account CLI (node server/dist/console-cli.js add-moderator NAME).
  entryPoints: [path.join(serverDir, 'src', 'server.ts'), path.join(serverDir, 'src', 'console-cli.ts')],
  outdir: path.join(serverDir, 'dist'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  // Each dependency and its subpaths (e.g. @fastify/rate-limit/store/RedisStore) come from node_modules.
  external: dependencies.flatMap((name) => [name, `${name}/*`]),
  logLevel: 'warning',
});
// The console's stylesheet and script are files it serves, read from beside the bundle.
fs.cpSync(path.join(serverDir, 'src', 'modules', 'console', 'assets'), path.join(serverDir, 'dist', 'console-assets'), { recursive: true });
console.log(`built ${path.relative(process.cwd(), path.join(serverDir, 'dist', 'server.js'))}`);
