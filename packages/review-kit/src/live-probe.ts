/**
 * `review-kit --server URL`: asks a running deployment to put a known-bad sample through
 * its real content check (POST /moderation/content-check-probe, moderators only) and turns the
 * answer into a verdict: wired, NOT wired (a known-bad text passed), or could not verify (why).
 * WeChat's guides advise exactly this test in the beta build before submitting.
 *
 * Credentials, in order: `token` (or REVIEW_ACCESS_TOKEN) — a moderator's access token, e.g. from
 * the mini program logged in as the test account; or `account` (`username:password`, or
 * REVIEW_ACCOUNT) logged in with POST /auth/password, which needs a wx.login code: `code` (or
 * REVIEW_LOGIN_CODE; run wx.login() in DevTools with the real AppID, single use, 5 minutes), or
 * `loginCodeUrl` when the server talks to a fake WeChat (development) that hands out codes
 * (`POST {}` → `{code}`). msgSecCheck needs the
 * openid of someone who opened the mini program within 2 hours: a code from a real wx.login gives it.
 */
import type { Finding } from './types';

export const LIVE_CONTENT_CHECK_RULE_ID = 'live-content-check';
export const PROBE_ROUTE = 'POST /moderation/content-check-probe';

export interface LiveProbeOptions {
  /** The deployment's API base URL, e.g. https://api.example.cn. */
  serverUrl: string;
  /** `username:password` of the test account (it must be a moderator). */
  account?: string;
  /** A moderator's access token (Bearer). */
  token?: string;
  /** A fresh wx.login code for the password login. */
  code?: string;
  /** A development fake's login-code URL (`POST {}` → `{code}`), when the server talks to that fake. */
  loginCodeUrl?: string;
  /** Where the REVIEW_* fallbacks are read (default process.env). */
  env?: Record<string, string | undefined>;
}

interface ProbeAnswer {
  outcome?: 'wired' | 'not_wired' | 'unverified';
  suggest?: string | null;
  label?: number | null;
  detail?: string;
}

const PROBE_TIMEOUT_MS = 15_000;

class CannotVerify extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
  }
}

function result(severity: Finding['severity'], message: string, fix: string): Finding[] {
  return [{ ruleId: LIVE_CONTENT_CHECK_RULE_ID, severity, message, route: PROBE_ROUTE, fix }];
}

async function call(url: string, init: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
  } catch (error) {
    throw new CannotVerify(
      `cannot reach ${new URL(url).origin} (${error instanceof Error ? error.message : String(error)})`,
      'Check the URL and that the server is up and reachable from here.',
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}

const postJson = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  call(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });

async function loginCode(options: LiveProbeOptions, env: Record<string, string | undefined>): Promise<string> {
  const code = options.code ?? env.REVIEW_LOGIN_CODE;
  if (code) return code;
  if (options.loginCodeUrl) {
    const answer = await postJson(options.loginCodeUrl, {});
    if (typeof answer.body.code === 'string') return answer.body.code;
  }
  throw new CannotVerify(
    'the password login needs a wx.login code (msgSecCheck checks content on behalf of a WeChat user), and none was given',
    'Pass a fresh code (in WeChat DevTools with the real AppID, run wx.login() in the console; single use, valid 5 minutes) as --code / REVIEW_LOGIN_CODE, or a moderator access token as --token / REVIEW_ACCESS_TOKEN.',
  );
}

async function accessToken(base: string, options: LiveProbeOptions, env: Record<string, string | undefined>): Promise<string> {
  const token = options.token ?? env.REVIEW_ACCESS_TOKEN;
  if (token) return token;
  const account = options.account ?? env.REVIEW_ACCOUNT;
  if (!account) {
    throw new CannotVerify(
      'no credentials: the probe is for moderators only',
      'Pass --account username:password (the test account, a moderator) or --token with a moderator access token (REVIEW_ACCOUNT / REVIEW_ACCESS_TOKEN).',
    );
  }
  const separator = account.indexOf(':');
  if (separator <= 0) throw new CannotVerify('the account must be given as username:password', 'Pass --account username:password.');
  const login = await postJson(`${base}/auth/password`, {
    username: account.slice(0, separator),
    password: account.slice(separator + 1),
    code: await loginCode(options, env),
  });
  if (login.status !== 200 || typeof login.body.accessToken !== 'string') {
    throw new CannotVerify(
      `the test-account login was refused (HTTP ${login.status}: ${String(login.body.detail ?? login.body.code ?? '')})`,
      'Check the username and password (TEST_ACCOUNT_PASSWORD of the deployment) and use a fresh wx.login code.',
    );
  }
  return login.body.accessToken;
}

function verdict(serverUrl: string, answer: ProbeAnswer): Finding[] {
  const detail = answer.detail ?? '';
  switch (answer.outcome) {
    case 'wired':
      return result(
        'info',
        `Live content check: wired. ${serverUrl} sent a known-bad sample to msgSecCheck and WeChat answered ${String(answer.suggest)} (label ${String(answer.label)}).`,
        'Nothing to do.',
      );
    case 'not_wired':
      return result(
        'blocking',
        `Live content check: NOT wired. ${serverUrl} answered pass for a known-bad sample: ${detail}`,
        'Point the deployment at WeChat (WECHAT_API_BASE_URL unset or https://api.weixin.qq.com, the real AppID and secret) and make sure user text goes through the content-check service; if WeChat really passes this sample, set CONTENT_CHECK_PROBE_TEXT to a text it flags.',
      );
    case 'unverified':
      return result('warning', `Live content check: could not verify. ${detail}`, 'Follow the detail, then probe again.');
    default:
      return result(
        'warning',
        `Live content check: could not verify: unexpected answer ${JSON.stringify(answer)}`,
        `Make ${PROBE_ROUTE} answer { outcome, suggest, label, detail } (see the review kit's README, "Live probe").`,
      );
  }
}

export async function runLiveProbe(options: LiveProbeOptions): Promise<Finding[]> {
  const env = options.env ?? process.env;
  const base = options.serverUrl.replace(/\/+$/, '');
  try {
    const token = await accessToken(base, options, env);
    const answer = await postJson(`${base}/moderation/content-check-probe`, {}, { authorization: `Bearer ${token}` });
    if (answer.status === 404)
      throw new CannotVerify(
        `${base} has no ${PROBE_ROUTE}`,
        `Add ${PROBE_ROUTE} to the server (see the review kit's README, "Live probe"), or probe by hand in the beta build.`,
      );
    if (answer.status === 401)
      throw new CannotVerify(
        'the access token was refused (expired or revoked? access tokens are short-lived)',
        'Log in again and pass a fresh token, or use --account.',
      );
    if (answer.status === 403)
      throw new CannotVerify(
        'the account is not a moderator',
        'Use the test account with TEST_ACCOUNT_ROLE=moderator (the default), or another moderator.',
      );
    if (answer.status !== 200)
      throw new CannotVerify(
        `the probe answered HTTP ${answer.status}: ${JSON.stringify(answer.body)}`,
        'Look at the server logs, then probe again.',
      );
    return verdict(base, answer.body as ProbeAnswer);
  } catch (error) {
    if (error instanceof CannotVerify) return result('warning', `Live content check: could not verify: ${error.message}`, error.fix);
    throw error;
  }
}
