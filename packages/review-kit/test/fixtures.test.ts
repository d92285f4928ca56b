/** Each fixture plants one defect; the review must flag it as blocking under the right rule id, and nothing else. */
import { blocking, fixtureProject, removeFixtures, review, ruleIds, writeFile } from './fixture-project';

afterAll(removeFixtures);

describe('review fixtures', () => {
  it('the clean fixture passes in develop and upload mode', async () => {
    const root = fixtureProject();
    expect(blocking(await review(root))).toEqual([]);
    expect(blocking(await review(root, 'upload', { TEST_ACCOUNT_PASSWORD: 'a-long-password' }))).toEqual([]);
  });

  it.each([
    ['forced-login', 'forced-login', 'develop'],
    ['test-text', 'test-text', 'develop'],
    ['missing-popup-wiring', 'privacy-popup-wiring', 'develop'],
    ['branding', 'wechat-branding', 'develop'],
    ['localhost-url', 'api-base-url', 'upload'],
    ['no-test-account', 'test-account-missing', 'develop'],
  ] as const)('fixture %s is blocked by %s (%s mode)', async (defect, ruleId, mode) => {
    const findings = await review(fixtureProject(defect), mode, { TEST_ACCOUNT_PASSWORD: 'a-long-password' });
    expect(ruleIds(blocking(findings))).toEqual([ruleId]);
  });

  it('forced-login names the launch path that reaches the login page', async () => {
    const [finding] = blocking(await review(fixtureProject('forced-login')));
    expect(finding).toMatchObject({ file: 'miniprogram/services/auth.js', line: 9, evidence: 'pages/login/index' });
    expect(finding.message).toContain('onLaunch → silentLogin → ensureLoggedIn');
  });

  it('test-text reports the planted words with file and line', async () => {
    const [finding] = blocking(await review(fixtureProject('test-text')));
    expect(finding).toMatchObject({ file: 'miniprogram/pages/home/index.wxml', line: 2, page: 'pages/home/index' });
    expect(finding.message).toContain('"测试"');
    expect(finding.message).toContain('"111222"');
  });

  it('missing popup wiring reports both the missing handler and the missing id', async () => {
    const messages = blocking(await review(fixtureProject('missing-popup-wiring'))).map((f) => f.message);
    expect(messages).toEqual([expect.stringContaining('no bindagreeprivacyauthorization handler'), expect.stringContaining('has no id')]);
  });

  it('branding flags the wording and the logo file', async () => {
    const findings = blocking(await review(fixtureProject('branding')));
    expect(findings.map((f) => f.file).sort()).toEqual(['miniprogram/images/wechat-logo.png', 'miniprogram/pages/home/index.wxml']);
    expect(findings.find((f) => f.file?.endsWith('.wxml'))?.message).toContain('"微信官方"');
  });

  it('a localhost API URL only warns in develop mode (DevTools), and blocks uploads', async () => {
    const findings = await review(fixtureProject('localhost-url'));
    expect(blocking(findings)).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'api-base-url')).toMatchObject({
      severity: 'warning',
      file: 'miniprogram/config.js',
      line: 1,
    });
  });

  it('an oversize main package is blocked by package-size', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/images/banner.png', Buffer.alloc(2 * 1024 * 1024 + 1));
    const findings = blocking(await review(root));
    expect(ruleIds(findings)).toEqual(['package-size']);
    expect(findings[0].message).toContain('images/banner.png');
  });

  it('a package near the limit warns', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/images/banner.png', Buffer.alloc(Math.round(1.95 * 1024 * 1024)));
    const findings = await review(root);
    expect(blocking(findings)).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'package-size')?.severity).toBe('warning');
  });
});
