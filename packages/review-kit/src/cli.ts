/**
 * `review-kit`: checks a mini program project against WeChat's common rejection reasons and
 * prints a report; exits 1 when a blocking rule fails, 2 on bad arguments. Never uses the network
 * unless `--server URL` asks to probe a live server.
 *
 *   review-kit                             all rules, develop mode, the project in the current directory
 *   review-kit --static-only               source checks only (fast)
 *   review-kit --mode upload               as `review-kit upload` checks (release-only rules block)
 *   review-kit --materials                 also print the submission materials
 *   review-kit --json                      machine-readable (findings + materials)
 *   review-kit --project ../my-app         another project (--root is the old name)
 *   review-kit --server https://api.example.cn --token T   also probe that live server
 *   (credentials: --token, or --account user:pass with --code from wx.login, or --login-code-url
 *    in development; REVIEW_ACCESS_TOKEN / REVIEW_ACCOUNT / REVIEW_LOGIN_CODE work too)
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatMaterials } from './materials/index';
import { formatReport, reportJson, summarize } from './report';
import { runLiveProbe } from './live-probe';
import { runReview } from './run-review';
import type { ReviewMode } from './types';

export const USAGE =
  'usage: review-kit [--static-only] [--mode develop|upload] [--materials] [--json] [--project DIR]\n' +
  '                  [--server URL [--token T | --account USER:PASS [--code WX_LOGIN_CODE] | --login-code-url URL]]';

export async function main(argv: string[], write: (text: string) => void = (text) => process.stdout.write(`${text}\n`)): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: 'boolean', default: false },
        materials: { type: 'boolean', default: false },
        'static-only': { type: 'boolean', default: false },
        mode: { type: 'string', default: 'develop' },
        project: { type: 'string' },
        root: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        account: { type: 'string' },
        code: { type: 'string' },
        'login-code-url': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    write(USAGE);
    return 0;
  }
  if (values.mode !== 'develop' && values.mode !== 'upload') {
    write(`--mode must be develop or upload, not "${values.mode}"\n${USAGE}`);
    return 2;
  }
  const root = path.resolve(values.project ?? values.root ?? process.cwd());
  const result = await runReview({ root, mode: values.mode as ReviewMode, staticOnly: values['static-only'], server: values.server });
  if (values.server) {
    // The live probe goes first: it is the one thing the developer asked about by name.
    const probe = await runLiveProbe({
      serverUrl: values.server,
      token: values.token,
      account: values.account,
      code: values.code,
      loginCodeUrl: values['login-code-url'],
    });
    result.findings = [...probe, ...result.findings];
  }
  if (values.json) write(reportJson(result));
  else {
    if (values.materials) write(formatMaterials(result.materials));
    write(formatReport(result));
  }
  return summarize(result.findings).blocking > 0 ? 1 : 0;
}

/** Runs the CLI and exits with its code (the bin shim calls this). */
export function run(argv: string[] = process.argv.slice(2)): void {
  main(argv).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('[review] failed:', error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}

if (require.main === module) run();
