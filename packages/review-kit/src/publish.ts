/**
 * `review-kit upload` / `review-kit preview`: miniprogram-ci behind the review. Checks arguments and
 * credentials, runs the review in mode `upload` (release-only rules block: https API domain,
 * real AppID…) and refuses to send a build with any blocking finding. Only then does it load
 * miniprogram-ci and talk to WeChat's servers. Everything before that point is offline and tested.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatReport, summarize } from './report';
import { runReview, type ReviewResult } from './run-review';
import type { ReviewOptions } from './types';
import { APPID_PATTERN, projectAppid } from './rules/appid';

export type PublishCommand = 'upload' | 'preview';

export interface PublishArgs {
  command: PublishCommand;
  root: string;
  version: string;
  desc: string;
  robot: number;
  /** preview: write the QR code image here instead of printing it in the terminal. */
  qrcodeOutput?: string;
  staticOnly: boolean;
}

export interface Credentials {
  appid: string;
  privateKeyPath: string;
}

/** A problem the user fixes (arguments, credentials, a failing review): printed without a stack. */
export class PublishError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

export const PUBLISH_USAGE = [
  'usage: review-kit upload  [--version X.Y.Z] [--desc "说明"] [--robot 1-30] [--project DIR] [--static-only]',
  '       review-kit preview [--version X.Y.Z] [--desc "说明"] [--robot 1-30] [--qrcode-output preview.png] [--project DIR] [--static-only]',
  'env:   MINIPROGRAM_PRIVATE_KEY_PATH (required: the upload key from 开发管理 → 开发设置 → 小程序代码上传)',
  '       MINIPROGRAM_APPID (optional: overrides project.config.json appid)',
  '       TEST_ACCOUNT_PASSWORD (optional: printed into the submission materials)',
].join('\n');

const VERSION_PATTERN = /^\d+\.\d+\.\d+([-+.][0-9A-Za-z.-]+)?$/;

function packageVersion(root: string): string | undefined {
  const file = path.join(root, 'package.json');
  if (!fs.existsSync(file)) return undefined;
  const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version;
  return typeof version === 'string' ? version : undefined;
}

export function parsePublishArgs(argv: string[], defaultRoot: string): PublishArgs {
  const [command, ...rest] = argv;
  if (command !== 'upload' && command !== 'preview') throw new PublishError(`unknown command "${command ?? ''}"\n${PUBLISH_USAGE}`, 2);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        version: { type: 'string' },
        desc: { type: 'string' },
        robot: { type: 'string', default: '1' },
        'qrcode-output': { type: 'string' },
        project: { type: 'string' },
        root: { type: 'string' },
        'static-only': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new PublishError(`${error instanceof Error ? error.message : String(error)}\n${PUBLISH_USAGE}`, 2);
  }
  const root = path.resolve(values.project ?? values.root ?? defaultRoot);
  const version = values.version ?? packageVersion(root);
  if (!version) throw new PublishError(`no version: pass --version X.Y.Z (package.json has none)\n${PUBLISH_USAGE}`, 2);
  if (!VERSION_PATTERN.test(version)) throw new PublishError(`--version "${version}" is not a version like 1.2.0`, 2);
  const robot = Number(values.robot);
  if (!Number.isInteger(robot) || robot < 1 || robot > 30)
    throw new PublishError(`--robot must be an integer from 1 to 30, not "${values.robot}"`, 2);
  if (values['qrcode-output'] && command !== 'preview') throw new PublishError('--qrcode-output is for preview only', 2);
  return {
    command,
    root,
    version,
    desc: values.desc ?? `版本 ${version}`,
    robot,
    qrcodeOutput: values['qrcode-output'] ? path.resolve(values['qrcode-output']) : undefined,
    staticOnly: values['static-only'],
  };
}

/** The AppID and private key miniprogram-ci needs, or a PublishError saying exactly what is missing. */
export function resolveCredentials(root: string, env: Record<string, string | undefined>): Credentials {
  const appid = env.MINIPROGRAM_APPID || projectAppid(root);
  if (!appid || appid === 'touristappid') {
    throw new PublishError(
      `AppID is ${appid ? `"${appid}"` : 'missing'}: uploads need your mini program's AppID. Put it in project.config.json "appid" or set MINIPROGRAM_APPID.`,
    );
  }
  if (!APPID_PATTERN.test(appid))
    throw new PublishError(`AppID "${appid}" does not look like a mini program AppID (wx followed by 16 hex digits).`);
  const keyPath = env.MINIPROGRAM_PRIVATE_KEY_PATH;
  if (!keyPath) {
    throw new PublishError(
      'MINIPROGRAM_PRIVATE_KEY_PATH is not set: download the upload key (开发管理 → 开发设置 → 小程序代码上传 → 生成) and point the variable at the file. Keep the key out of the repository.',
    );
  }
  const privateKeyPath = path.resolve(keyPath);
  if (!fs.existsSync(privateKeyPath) || !fs.statSync(privateKeyPath).isFile())
    throw new PublishError(`MINIPROGRAM_PRIVATE_KEY_PATH points at ${privateKeyPath}, which does not exist.`);
  if (!fs.readFileSync(privateKeyPath, 'utf8').includes('PRIVATE KEY'))
    throw new PublishError(`${privateKeyPath} is not a private key file (expected "-----BEGIN RSA PRIVATE KEY-----").`);
  return { appid, privateKeyPath };
}

/** The slice of miniprogram-ci used here (injected in tests, which must never reach WeChat). */
export interface CiClient {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKeyPath: string;
    ignores?: string[];
  }) => unknown;
  upload(options: Record<string, unknown>): Promise<unknown>;
  preview(options: Record<string, unknown>): Promise<unknown>;
}

export interface PublishDeps {
  env?: Record<string, string | undefined>;
  review?: (options: ReviewOptions) => Promise<ReviewResult>;
  loadCi?: () => CiClient;
  write?: (text: string) => void;
}

function loadMiniprogramCi(): CiClient {
  // Loaded only once everything offline has passed: it is large, and only needed to talk to WeChat.
  return require('miniprogram-ci') as CiClient;
}

export async function publish(args: PublishArgs, deps: PublishDeps = {}): Promise<number> {
  const env = deps.env ?? process.env;
  const write = deps.write ?? ((text: string) => process.stdout.write(`${text}\n`));
  const credentials = resolveCredentials(args.root, env);
  const result = await (deps.review ?? runReview)({ root: args.root, mode: 'upload', staticOnly: args.staticOnly, env });
  write(formatReport(result));
  const blocking = summarize(result.findings).blocking;
  if (blocking > 0) {
    throw new PublishError(
      `Refusing to ${args.command}: ${blocking} blocking finding(s) above. Fix them, then run \`review-kit ${args.command}\` again.`,
    );
  }
  const ci = (deps.loadCi ?? loadMiniprogramCi)();
  const project = new ci.Project({
    appid: credentials.appid,
    type: 'miniProgram',
    projectPath: args.root,
    privateKeyPath: credentials.privateKeyPath,
    ignores: ['node_modules/**/*'],
  });
  const common = {
    project,
    version: args.version,
    desc: args.desc,
    robot: args.robot,
    // Compile as DevTools would from project.config.json (TypeScript plugin, es6, minify).
    setting: { useProjectConfig: true },
    onProgressUpdate: (task: unknown) => write(`[${args.command}] ${typeof task === 'string' ? task : JSON.stringify(task)}`),
  };
  write(`[${args.command}] ${credentials.appid} version ${args.version} (robot ${args.robot})…`);
  if (args.command === 'upload') {
    await ci.upload(common);
    write(
      `[upload] done: version ${args.version} is in 版本管理 → 开发版本; submit it for review there with the materials from \`review-kit --materials\`.`,
    );
  } else {
    await ci.preview({ ...common, qrcodeFormat: args.qrcodeOutput ? 'image' : 'terminal', qrcodeOutputDest: args.qrcodeOutput });
    write(`[preview] done${args.qrcodeOutput ? `: QR code written to ${args.qrcodeOutput}` : ': scan the QR code above with WeChat'}.`);
  }
  return 0;
}
