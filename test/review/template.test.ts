/** The template itself passes the static review; upload mode names what a fork must change first. */
import path from 'node:path';
import { loadProject, runReview } from 'miniprogram-review-kit';

const root = path.resolve(__dirname, '..', '..');

describe('the template under review', () => {
  it('has no blocking finding (static rules, develop mode)', async () => {
    const { findings } = await runReview({ root, mode: 'develop', staticOnly: true, env: {} });
    expect(findings.filter((f) => f.severity === 'blocking')).toEqual([]);
    // The reviewer's entry is worded neutrally (账号密码登录): no test text anywhere, and nothing exempted.
    expect(findings.filter((f) => f.ruleId === 'test-text')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'api-base-url')?.severity).toBe('warning');
  });

  it('needs no exemption: review.config.json declares none', () => {
    expect(loadProject(root).config.exemptions ?? []).toEqual([]);
  });

  it('in upload mode blocks only on what a fork sets at launch: its https domain and its AppID', async () => {
    const { findings } = await runReview({ root, mode: 'upload', staticOnly: true, env: {} });
    expect(
      findings
        .filter((f) => f.severity === 'blocking')
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['api-base-url', 'appid']);
  });
});
