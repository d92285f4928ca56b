/**
 * `npm run review`: checks the project (the template or a fork) against WeChat's common
 * rejection reasons and prints a report; exits 1 when a blocking rule fails, 2 on bad arguments.
 * Never uses the network unless `--server URL` asks to probe a live server.
 *
 *   npm run review                         all rules, develop mode
 *   npm run review -- --static-only        source checks only (fast)
 *   npm run review -- --mode upload        as `npm run upload` checks (release-only rules block)
 *   npm run review -- --materials          also print the submission materials
 *   npm run review -- --json               machine-readable (findings + materials)
 *   npm run review -- --root ../my-fork    another project
 *   npm run review -- --server https://api.example.cn --token T   also probe that live server
 *   (credentials: --token, or --account user:pass with --code from wx.login, or --fake-wechat-url
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
  'usage: npm run review -- [--static-only] [--mode develop|upload] [--materials] [--json] [--root DIR]\n' +
  '                          [--server URL [--token T | --account USER:PASS [--code WX_LOGIN_CODE] | --fake-wechat-url URL]]';

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
        root: { type: 'string' },
        server: { type: 'string' },
        token: { type: 'string' },
        account: { type: 'string' },
        code: { type: 'string' },
        'fake-wechat-url': { type: 'string' },
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
  const root = path.resolve(values.root ?? path.join(__dirname, '..', '..', '..'));
  const result = await runReview({ root, mode: values.mode as ReviewMode, staticOnly: values['static-only'], server: values.server });
  if (values.server) {
    // The live probe goes first: it is the one thing the developer asked about by name.
    const probe = await runLiveProbe({ serverUrl: values.server, token: values.token, account: values.account, code: values.code, fakeWeChatUrl: values['fake-wechat-url'] });
    result.findings = [...probe, ...result.findings];
  }
  if (values.json) write(reportJson(result));
  else {
    if (values.materials) write(formatMaterials(result.materials));
    write(formatReport(result));
  }
  return summarize(result.findings).blocking > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error('[review] failed:', error instanceof Error ? error.message : error);
      process.exit(2);
    },
  );
}
