import { ContentCheckProbeResult } from '@wx-community-starter/contract';
import { RISKY_MARKER } from '../../../../server/src/dev/fake-wechat/verdict-rule';
import { createContentCheckProbe, DEFAULT_PROBE_SAMPLE } from '../../../../server/src/modules/moderation/content-check-probe.service';
import { WeChatApiError, type WeChatClient } from '../../../../server/src/wechat/types';
import type { Viewer } from '../../../../server/src/modules/auth/viewer';
import { Value } from '@sinclair/typebox/value';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

const URL = '/moderation/content-check-probe';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' });
});
afterAll(() => t.close());

/** msgSecCheck calls made from now on (the fake's log also holds nickname checks of other tests). */
function textChecksFromNow() {
  const start = t.fake.calls.msg_sec_check.length;
  return () => t.fake.calls.msg_sec_check.slice(start);
}

async function sessionOpenids(userId: number): Promise<(string | null)[]> {
  const rows = await t.database.handle.db.selectFrom('sessions').select('wechat_openid').where('user_id', '=', userId).execute();
  return rows.map((row) => row.wechat_openid);
}

async function probeAsModerator(payload?: object) {
  const moderator = await t.loginAsTestAccount();
  return {
    moderator,
    response: await t.request({ method: 'POST', url: URL, token: moderator.accessToken, ...(payload ? { payload } : {}) }),
  };
}

describe('POST /moderation/content-check-probe', () => {
  it('is for moderators only: 401 for a guest, 403 for a member, and WeChat is not called', async () => {
    const member = await t.loginAsMember('好奇的会员');
    const checks = textChecksFromNow();
    expect((await t.request({ method: 'POST', url: URL })).statusCode).toBe(401);
    const forbidden = await t.request({ method: 'POST', url: URL, token: member.accessToken });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(checks()).toHaveLength(0);
  });

  it('sends the known-bad sample with the moderator session openid at scene 3 and reports the check as wired', async () => {
    const checks = textChecksFromNow();
    const { moderator, response } = await probeAsModerator();
    expect(response.statusCode).toBe(200);
    const result: ContentCheckProbeResult = response.json();
    expect(Value.Check(ContentCheckProbeResult, result)).toBe(true);
    expect(result).toMatchObject({ outcome: 'wired', wired: true, suggest: 'risky', label: 20006, scene: 3 });
    // With the fake WeChat the default sample carries its risky marker; WeChat itself judges the words.
    expect(result.sample).toBe(`${DEFAULT_PROBE_SAMPLE} ${RISKY_MARKER}`);
    expect(checks()).toHaveLength(1);
    const call = checks()[0];
    expect(call).toMatchObject({ content: result.sample, scene: 3, version: 2 });
    expect(await sessionOpenids(moderator.user.id)).toContain(call?.openid);
  });

  it('accepts another scene', async () => {
    const checks = textChecksFromNow();
    const { response } = await probeAsModerator({ scene: 2 });
    expect(response.json()).toMatchObject({ outcome: 'wired', scene: 2 });
    expect(checks()).toEqual([expect.objectContaining({ scene: 2 })]);
    const { response: bad } = await probeAsModerator({ scene: 7 });
    expect(bad.statusCode).toBe(400);
  });

  it('says "not wired" when the known-bad sample passes', async () => {
    const harmless = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator', CONTENT_CHECK_PROBE_TEXT: '今天天气很好' });
    try {
      const moderator = await harmless.loginAsTestAccount();
      const result = (await harmless.request({ method: 'POST', url: URL, token: moderator.accessToken })).json();
      expect(result).toMatchObject({ outcome: 'not_wired', wired: false, suggest: 'pass', label: 100, sample: '今天天气很好' });
      expect(result.detail).toMatch(/pass/);
    } finally {
      await harmless.close();
    }
  });

  it('says "unverified" when WeChat cannot answer, and why', async () => {
    const moderator = await t.loginAsTestAccount();
    t.fake.failNext('msg_sec_check', 'busy', 1);
    const response = await t.request({ method: 'POST', url: URL, token: moderator.accessToken });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'unverified', wired: false, suggest: null, label: null });
    expect(response.json().detail).toMatch(/no answer/);
  });

  it('says "unverified" when the session has no WeChat openid, without calling WeChat', async () => {
    const moderator = await t.loginAsTestAccount();
    await t.database.handle.db.updateTable('sessions').set({ wechat_openid: null }).where('user_id', '=', moderator.user.id).execute();
    const checks = textChecksFromNow();
    const response = await t.request({ method: 'POST', url: URL, token: moderator.accessToken });
    expect(response.json()).toMatchObject({ outcome: 'unverified', wired: false });
    expect(response.json().detail).toMatch(/openid.*2 hours/);
    expect(checks()).toHaveLength(0);
  });
});

describe('the probe service', () => {
  const moderator = { user: { id: 1, role: 'moderator' }, sessionId: 's', wechatOpenid: 'o_old_visitor' } as unknown as Viewer;
  const wechatRefusing = (errcode: number): WeChatClient => ({
    code2Session: () => Promise.reject(new Error('unused')),
    checkMediaAsync: () => Promise.reject(new Error('unused')),
    checkText: () => Promise.reject(new WeChatApiError('msg_sec_check', errcode, 'invalid openid')),
  });

  it('explains an openid WeChat refuses (not a recent visitor)', async () => {
    const probe = createContentCheckProbe({ wechat: wechatRefusing(40003), logger: t.app.log });
    const result = await probe.probe(moderator, 3);
    expect(result).toMatchObject({ outcome: 'unverified', wired: false, sample: DEFAULT_PROBE_SAMPLE });
    expect(result.detail).toMatch(/within 2 hours.*errcode 40003/);
  });
});
