/** forced-login and user-info-api beyond the fixture: the other ways a first open can demand login. */
import { blocking, fixtureProject, removeFixtures, review, ruleIds, writeFile } from '../fixture-project';

afterAll(removeFixtures);

const homeScript = (onLoad: string) => `
Page({
  onLoad() {
    ${onLoad}
  },
  onLogin() {
    wx.navigateTo({ url: '/pages/login/index' });
  },
});
`;

describe('forced-login', () => {
  it('a redirect to login only after the user taps a modal button is not forced login', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/pages/home/index.js',
      homeScript(`wx.showModal({
      title: '登录后可发帖',
      success: (res) => {
        if (res.confirm) wx.navigateTo({ url: '/pages/login/index' });
      },
    });
    wx.showActionSheet({ itemList: ['登录'] }).then(() => wx.navigateTo({ url: '/pages/login/index' }));`),
    );
    expect(ruleIds(blocking(await review(root)))).toEqual([]);
  });

  it('a redirect to login in a wx.getStorage callback still is', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/pages/home/index.js',
      homeScript(`wx.getStorage({ key: 'token', fail: () => wx.redirectTo({ url: '/pages/login/index' }) });`),
    );
    expect(ruleIds(blocking(await review(root)))).toEqual(['forced-login']);
  });

  it('flags a login page as the entry page', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/app.json',
      JSON.stringify({ pages: ['pages/login/index', 'pages/home/index'], lazyCodeLoading: 'requiredComponents' }),
    );
    const [finding] = blocking(await review(root));
    expect(finding).toMatchObject({ ruleId: 'forced-login', page: 'pages/login/index', file: 'miniprogram/app.json' });
    expect(finding.message).toContain('the entry page');
  });

  it('flags a login page among the tab pages', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/app.json',
      JSON.stringify({
        pages: ['pages/home/index', 'pages/login/index'],
        tabBar: {
          list: [
            { pagePath: 'pages/home/index', text: '首页' },
            { pagePath: 'pages/login/index', text: '登录' },
          ],
        },
        lazyCodeLoading: 'requiredComponents',
      }),
    );
    expect(blocking(await review(root)).map((f) => f.message)).toEqual([expect.stringContaining('a tab page')]);
  });

  it('flags wx.authorize called from the entry page onLoad, through this.method()', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/pages/home/index.js',
      `
Page({
  onLoad() { this.askLocation(); },
  askLocation() { wx.authorize({ scope: 'scope.userLocation' }); },
});`,
    );
    const [finding] = blocking(await review(root));
    expect(finding).toMatchObject({ ruleId: 'forced-login', line: 4, page: 'pages/home/index' });
    expect(finding.message).toContain('onLoad → askLocation');
  });

  it('flags getUserProfile on first open under both forced-login and user-info-api', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/pages/home/index.js', homeScript("wx.getUserProfile({ desc: '完善资料' });"));
    expect(ruleIds(blocking(await review(root)))).toEqual(['forced-login', 'user-info-api']);
  });

  it('flags a phone-number button on the entry page', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/pages/home/index.wxml',
      '<view><button open-type="getPhoneNumber" bindgetphonenumber="onPhone">手机号快捷登录</button></view>',
    );
    expect(blocking(await review(root)).map((f) => f.message)).toEqual([expect.stringContaining('phone number')]);
  });

  it('allows silent wx.login at launch and login links in tap handlers', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/pages/home/index.js', homeScript('wx.login({ success: () => undefined });'));
    expect(blocking(await review(root))).toEqual([]);
  });

  it('uses review.config.json loginPages when the route does not say login', async () => {
    const root = fixtureProject();
    writeFile(root, 'miniprogram/pages/home/index.js', homeScript("wx.reLaunch({ url: '/pages/welcome/index' });"));
    writeFile(root, 'review.config.json', JSON.stringify({ testAccount: { username: 'reviewer' }, loginPages: ['pages/welcome/index'] }));
    expect(ruleIds(blocking(await review(root)))).toEqual(['forced-login']);
  });
});

describe('user-info-api', () => {
  it('flags wx.getUserProfile anywhere, even in a tap handler, but not in comments', async () => {
    const root = fixtureProject();
    writeFile(
      root,
      'miniprogram/pages/login/index.js',
      `
// wx.getUserProfile is gone; this comment must not count.
Page({
  onSubmit() { wx.getUserProfile({ desc: '登录' }); },
});`,
    );
    const findings = blocking(await review(root));
    expect(findings).toEqual([expect.objectContaining({ ruleId: 'user-info-api', line: 4, file: 'miniprogram/pages/login/index.js' })]);
  });
});
