/** `--server URL`: the live probe against a real (test) server listening on a port. */
import { runLiveProbe } from 'miniprogram-review-kit';
import { fakeWeChatLoginCodeUrl } from '../../server/src/dev/host-backend';
import { createTestApp, TEST_ACCOUNT_PASSWORD, type TestApp } from '../support/server/test-app';

let wired: TestApp;
let passing: TestApp;
beforeAll(async () => {
  wired = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' }, { listen: true });
  // A deployment whose check passes the "known-bad" sample: the fake passes text without its marker.
  passing = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator', CONTENT_CHECK_PROBE_TEXT: '今天天气很好' }, { listen: true });
});
afterAll(async () => {
  await wired.close();
  await passing.close();
});

const account = (t: TestApp) => `${t.config.testAccount.username}:${TEST_ACCOUNT_PASSWORD}`;
const noEnv = {};

it('says wired when the server runs the sample through the content check and WeChat flags it', async () => {
  const findings = await runLiveProbe({
    serverUrl: wired.baseUrl,
    account: account(wired),
    loginCodeUrl: fakeWeChatLoginCodeUrl(wired.fake.url),
    env: noEnv,
  });
  expect(findings).toEqual([
    expect.objectContaining({ ruleId: 'live-content-check', severity: 'info', route: 'POST /moderation/content-check-probe' }),
  ]);
  expect(findings[0]?.message).toMatch(/^Live content check: wired\. .* answered risky \(label 20006\)/);
});

it('says NOT wired, blocking, when a known-bad sample passes', async () => {
  const findings = await runLiveProbe({
    serverUrl: passing.baseUrl,
    account: account(passing),
    loginCodeUrl: fakeWeChatLoginCodeUrl(passing.fake.url),
    env: noEnv,
  });
  expect(findings).toEqual([
    expect.objectContaining({ severity: 'blocking', message: expect.stringMatching(/^Live content check: NOT wired\..*answered pass/) }),
  ]);
});

it('accepts a moderator access token instead of an account', async () => {
  const tokens = await wired.loginAsTestAccount();
  const findings = await runLiveProbe({ serverUrl: wired.baseUrl, env: { REVIEW_ACCESS_TOKEN: tokens.accessToken } });
  expect(findings[0]?.message).toMatch(/^Live content check: wired/);
});

it.each([
  ['no credentials', {}, /no credentials/],
  ['a password login without a wx.login code', { account: 'reviewer:whatever' }, /needs a wx\.login code/],
  ['a wrong password', { account: 'reviewer:wrong-password', code: 'any-code' }, /login was refused \(HTTP 401/],
])('could not verify with %s, as a warning saying why', async (_case, options, why) => {
  const findings = await runLiveProbe({ serverUrl: wired.baseUrl, env: noEnv, ...options });
  expect(findings).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(why) })]);
  expect(findings[0]?.message).toMatch(/^Live content check: could not verify/);
});

it('could not verify as a member (403) or on an unreachable server', async () => {
  const member = await wired.loginAsMember('路过的会员');
  expect((await runLiveProbe({ serverUrl: wired.baseUrl, token: member.accessToken, env: noEnv }))[0]?.message).toContain(
    'not a moderator',
  );
  expect((await runLiveProbe({ serverUrl: 'http://127.0.0.1:9', token: 'x', env: noEnv }))[0]?.message).toContain(
    'cannot reach http://127.0.0.1:9',
  );
});
