/** review.config.json exemptions turn matching findings into info with their reason, never silently. */
import { applyExemptions, invalidExemptions } from '../src/exemptions';
import type { Finding } from '../src/types';

const finding = (overrides: Partial<Finding> = {}): Finding => ({
  ruleId: 'test-text',
  severity: 'blocking',
  message: 'Test text',
  fix: 'fix',
  file: 'miniprogram/pages/me/index.wxml',
  page: 'pages/me/index',
  evidence: '测试账号登录',
  ...overrides,
});

describe('applyExemptions', () => {
  const exemption = { rule: 'test-text', text: '测试账号', files: ['miniprogram/pages/me/index.wxml'], reason: 'reviewer entry' };

  it('downgrades a matching finding to info and keeps the reason', () => {
    const [result] = applyExemptions([finding()], [exemption]);
    expect(result.severity).toBe('info');
    expect(result.message).toContain('reviewer entry');
  });

  it('matches by page too (rendered findings carry a page, not a file)', () => {
    const [result] = applyExemptions([finding({ file: undefined })], [{ ...exemption, files: undefined, pages: ['pages/me/index'] }]);
    expect(result.severity).toBe('info');
  });

  it('leaves other rules, other text and other files alone', () => {
    const others = [
      finding({ ruleId: 'wechat-branding' }),
      finding({ evidence: '测试帖子' }),
      finding({ file: 'miniprogram/pages/home/index.wxml', page: undefined }),
    ];
    expect(applyExemptions(others, [exemption]).map((f) => f.severity)).toEqual(['blocking', 'blocking', 'blocking']);
  });

  it('ignores an exemption without a reason, and reports it', () => {
    const noReason = { rule: 'test-text', reason: '' };
    expect(applyExemptions([finding()], [noReason])[0].severity).toBe('blocking');
    expect(invalidExemptions([noReason])).toEqual([expect.objectContaining({ ruleId: 'review-config', severity: 'warning' })]);
  });
});
