/**
 * The reviewer test account as the submission form needs it. The username comes from
 * `TEST_ACCOUNT_USERNAME` (the server's own variable, so both agree) or review.config.json; the
 * password only ever from `TEST_ACCOUNT_PASSWORD` in the environment at upload time, never from
 * the repository.
 */
import type { ReviewProject } from '../project';

export interface TestAccount {
  username?: string;
  password?: string;
  /** false when review.config.json says nothing in the app needs login. */
  required: boolean;
  reason?: string;
  /** Where reviewers find the login, for the version notes. */
  entry?: string;
}

export function testAccountOf(project: ReviewProject, env: Record<string, string | undefined>): TestAccount {
  const configured = project.config.testAccount;
  return {
    username: env.TEST_ACCOUNT_USERNAME || configured?.username || undefined,
    password: env.TEST_ACCOUNT_PASSWORD || undefined,
    required: configured?.required !== false,
    reason: configured?.reason,
    entry: configured?.entry,
  };
}
