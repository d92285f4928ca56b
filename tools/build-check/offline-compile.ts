/**
 * The compile `upload` runs, offline: miniprogram-ci's getCompiledResult path (getCompiler →
 * compile with resultType "prod", the project.config.json `setting`: TypeScript → ES5, babel
 * helpers, minification), with the two calls it makes to WeChat replaced by local answers:
 *
 * - project attributes (`/wxa/ci/getattr`, signed with the private key): CIProject asks
 *   `options.attr()` first when given, so we pass miniprogram-ci's own DefaultProjectAttr (what it
 *   falls back to when the server says no). No key is read or used; a placeholder is passed.
 * - the upload file-extension allow-list (`/wxa/ci/getwhiteextlist`): answered with the built-in
 *   list it falls back to on a failed request.
 *
 * Any other request miniprogram-ci tries is refused (utils/request is replaced) and reported as a
 * problem, so a new network call in a later version fails the check instead of leaking.
 */
import fs from 'node:fs';
import path from 'node:path';

/* eslint-disable @typescript-eslint/no-require-imports -- miniprogram-ci internals, not in its typings */
type Files = Record<string, string | Buffer>;
interface Compiler {
  compile(options: Record<string, unknown>): Promise<Files>;
  destroy(): void;
}

const ciDist = path.join(path.dirname(require.resolve('miniprogram-ci/package.json')), 'dist');
const refused: string[] = [];

function goOffline(): void {
  const request = require(path.join(ciDist, 'utils', 'request')) as Record<string, unknown>;
  const refuse = (options: { url?: string }): never => {
    refused.push(String(options?.url));
    throw new Error(`build-check is offline: refused request to ${String(options?.url)}`);
  };
  request.request = refuse;
  request.simpleRequest = refuse;
  request.initGlobalProxy = () => undefined;
  const whiteList = require(path.join(ciDist, 'utils', 'white_ext_list')) as {
    getWhiteExtList: () => Promise<unknown>;
    MiniProgramWhiteList: string[];
    GameWhiteList: string[];
  };
  whiteList.getWhiteExtList = () =>
    Promise.resolve({ MiniProgramWhiteList: new Set(whiteList.MiniProgramWhiteList), GameWhiteList: new Set(whiteList.GameWhiteList) });
}

export interface CompileResult {
  /** Compiled file → content, as getCompiledResult returns it (paths relative to miniprogramRoot). */
  files: Files;
  /** Requests miniprogram-ci tried to make (all refused). */
  refusedRequests: string[];
}

/** Compiles the project at projectPath (the folder with project.config.json) as upload would. */
export async function compileOffline(projectPath: string): Promise<CompileResult> {
  goOffline();
  const ci = require('miniprogram-ci') as {
    Project: new (options: Record<string, unknown>) => Record<string, unknown>;
    DefaultProjectAttr: unknown;
  };
  const { getCompiler } = require(path.join(ciDist, 'ci', 'getcompiler')) as {
    getCompiler: (project: unknown, setting: unknown) => Promise<Compiler>;
  };
  const { formatCISetting } = require(path.join(ciDist, 'ci', 'utils', 'tools')) as {
    formatCISetting: (project: unknown, setting: unknown) => unknown;
  };
  const { cacheManager } = require(path.join(ciDist, 'utils', 'cache')) as { cacheManager: { clean(): void } };
  const config = JSON.parse(fs.readFileSync(path.join(projectPath, 'project.config.json'), 'utf8')) as { appid?: string };
  const before = refused.length;
  const project = new ci.Project({
    appid: config.appid || 'touristappid',
    type: 'miniProgram',
    projectPath,
    privateKey: 'offline: never used, attributes are local',
    ignores: ['server/**', 'packages/**', 'tools/**', 'test/**', 'docs/**', 'deploy/**', 'coverage/**'],
    attr: () => Promise.resolve(ci.DefaultProjectAttr),
  });
  const setting = { useProjectConfig: true };
  process.env.COMPILE_THREADS = '0';
  cacheManager.clean();
  const compiler = await getCompiler(project, setting);
  try {
    const compiled = await compiler.compile({
      setting: formatCISetting(project, setting),
      onProgressUpdate: () => undefined,
      resultType: 'prod',
      disableSpreadingUsingComponents: true,
    });
    const files: Files = {};
    for (const name of Object.keys(compiled).sort()) if (!name.endsWith('.js.map')) files[name] = compiled[name];
    return { files, refusedRequests: refused.slice(before) };
  } finally {
    compiler.destroy();
  }
}
