/** The template itself passes the static review; upload mode names what a fork must change first. */
import path from 'node:path';
import { runReview } from 'miniprogram-review-kit';

const root = path.resolve(__dirname, '..', '..');

describe('the template under review', () => {
  it('has no blocking finding (static rules, develop mode)', async () => {
    const { findings } = await runReview({ root, mode: 'develop', staticOnly: true, env: {} });
    expect(findings.filter((f) => f.severity === 'blocking')).toEqual([]);
    // The reviewer entry is allowed on purpose, and stays visible as info.
    expect(findings.filter((f) => f.ruleId === 'test-text').every((f) => f.severity === 'info' && f.message.includes('exempted'))).toBe(
      true,
    );
    expect(findings.find((f) => f.ruleId === 'api-base-url')?.severity).toBe('warning');
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
