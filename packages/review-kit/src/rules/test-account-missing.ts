/**
 * test-account-missing: reviewers must be able to try everything that needs login, so the
 * submission form needs a test account (username in review.config.json or TEST_ACCOUNT_USERNAME;
 * the server seeds it from the same variables). A fork whose app needs no login says so with
 * `"testAccount": { "required": false, "reason": "…" }`.
 */
import type { Finding, Rule } from '../types';
import { readProjectFile } from '../source/project-files';
import { testAccountOf } from '../source/test-account';

const CONFIG_FILE = 'review.config.json';

/** The username the server seeds when TEST_ACCOUNT_USERNAME is unset (`env.TEST_ACCOUNT_USERNAME ?? 'reviewer'`). */
function serverDefaultUsername(text: string): string | undefined {
  return /TEST_ACCOUNT_USERNAME\s*(?:\?\?|\|\|)\s*['"]([^'"]+)['"]/.exec(text)?.[1];
}

export const testAccountMissingRule: Rule = {
  id: 'test-account-missing',
  title: 'A reviewer test account is configured',
  async run(project, options) {
    const env = options.env ?? process.env;
    const account = testAccountOf(project, env);
    const findings: Finding[] = [];
    const configured = (project.config.testAccount ?? {}) as Record<string, unknown>;
    if ('password' in configured) {
      findings.push({
        ruleId: 'test-account-missing',
        severity: 'blocking',
        file: CONFIG_FILE,
        message: 'review.config.json holds the test-account password: it must never be committed',
        fix: 'Remove "password" from review.config.json, change the password on the server, and pass it as TEST_ACCOUNT_PASSWORD when printing the materials or uploading.',
      });
    }
    if (!account.required) {
      findings.push(
        account.reason
          ? {
              ruleId: 'test-account-missing',
              severity: 'info',
              file: CONFIG_FILE,
              message: `No test account needed: ${account.reason}`,
              fix: 'Provide one as soon as anything in the app needs login.',
            }
          : {
              ruleId: 'test-account-missing',
              severity: 'warning',
              file: CONFIG_FILE,
              message: 'testAccount.required is false without a reason',
              fix: 'Add "reason" to testAccount in review.config.json (why nothing needs login), or configure the account.',
            },
      );
      return findings;
    }
    if (!account.username) {
      findings.push({
        ruleId: 'test-account-missing',
        severity: 'blocking',
        file: CONFIG_FILE,
        message: 'No reviewer test account configured: reviewers cannot try posting, replying or moderation',
        fix: 'Add "testAccount": { "username": "reviewer" } to review.config.json (the server creates it from TEST_ACCOUNT_USERNAME/TEST_ACCOUNT_PASSWORD), and set TEST_ACCOUNT_PASSWORD on the production server. If nothing needs login, set "required": false with a reason.',
      });
      return findings;
    }
    const serverDefaultFile = project.config.testAccount?.serverDefaultFile;
    const serverConfig = serverDefaultFile ? readProjectFile(project, serverDefaultFile) : undefined;
    const serverDefault = serverConfig ? serverDefaultUsername(serverConfig.text) : undefined;
    if (serverDefault && !env.TEST_ACCOUNT_USERNAME && serverDefault !== account.username) {
      findings.push({
        ruleId: 'test-account-missing',
        severity: 'warning',
        file: CONFIG_FILE,
        evidence: account.username,
        message: `review.config.json names test account "${account.username}" but the server seeds "${serverDefault}" unless TEST_ACCOUNT_USERNAME is set`,
        fix: `Use the same username in both: set TEST_ACCOUNT_USERNAME=${account.username} on the server, or change review.config.json.`,
      });
    }
    if (options.mode === 'upload' && !account.password) {
      findings.push({
        ruleId: 'test-account-missing',
        severity: 'warning',
        message: 'TEST_ACCOUNT_PASSWORD is not set: the submission materials will show a placeholder instead of the password',
        fix: 'Run with TEST_ACCOUNT_PASSWORD=<the production test-account password> to print it into the version notes (it is never stored in the repository).',
      });
    }
    return findings;
  },
};
