/** The privacy rules beyond the fixture: inventory, location declarations, and every half-wired popup. */
import { blocking, fixtureProject, removeFixtures, review, writeFile } from '../fixture-project';

afterAll(removeFixtures);

const appJson = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ pages: ['pages/home/index', 'pages/login/index'], lazyCodeLoading: 'requiredComponents', ...extra });
const homeWithLocation = `
Page({
  onNearby() { wx.getFuzzyLocation({ type: 'wgs84' }); },
  onCopy() { wx.setClipboardData({ data: '邀请码' }); },
});`;

describe('privacy-api-inventory and location-undeclared', () => {
  it('lists each information type used, and blocks an undeclared location API', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/pages/home/index.js', homeWithLocation);
    const findings = await review(root);
    expect(findings.filter((f) => f.ruleId === 'privacy-api-inventory').map((f) => f.evidence)).toEqual(['位置信息', '剪切板']);
    expect(blocking(findings)).toEqual([expect.objectContaining({ ruleId: 'location-undeclared', evidence: 'getFuzzyLocation', line: 3 })]);
  });

  it('passes once requiredPrivateInfos declares it', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/pages/home/index.js', homeWithLocation);
    writeFile(root, 'miniprogram/app.json', appJson({ requiredPrivateInfos: ['getFuzzyLocation'] }));
    expect(blocking(await review(root))).toEqual([]);
  });
});

describe('privacy-popup-wiring', () => {
  const wiring = async (root: string) =>
    (await review(root)).filter((f) => f.ruleId === 'privacy-popup-wiring').map((f) => `${f.severity}: ${f.message}`);

  it('blocks a registered listener with no agree button', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/components/privacy-popup/index.wxml', '<view><text>隐私提示</text></view>');
    expect(await wiring(root)).toEqual([expect.stringMatching(/^blocking: .*no <button open-type="agreePrivacyAuthorization">/)]);
  });

  it('blocks an agree button when no listener is registered', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/app.js', 'App({ onLaunch() { wx.login({}); } });');
    expect(await wiring(root)).toEqual([expect.stringMatching(/^blocking: .*never registered/)]);
  });

  it('warns when privacy APIs are used with no custom popup at all', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/app.js', 'App({ onLaunch() { wx.login({}); } });');
    writeFile(root, 'miniprogram/components/privacy-popup/index.wxml', '<view></view>');
    expect(await wiring(root)).toEqual([expect.stringMatching(/^warning: .*no privacy popup/)]);
  });

  it('warns about a page that does not show the popup', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/pages/login/index.json', '{ "navigationBarTitleText": "账号登录" }');
    expect(await wiring(root)).toEqual([expect.stringMatching(/^warning: Page pages\/login\/index does not show the privacy popup/)]);
  });
});
