/**
 * A project that commits no miniprogram_npm (its dependencies installed, as after `npm install`):
 * the host builds it as DevTools' 构建 npm would. wx.cloud is an offline stand-in: init works,
 * calls fail clearly, and `mockWxMethod('cloud.callFunction', …)` answers them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, startHost, type RunningHost } from './host-process';

describe('uncommitted miniprogram_npm and wx.cloud', () => {
  let host: RunningHost;
  let project: string;
  beforeAll(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'host-js-npm-'));
    fs.cpSync(path.join(FIXTURES, 'js-npm'), project, { recursive: true });
    // What `npm install` leaves: the dependency in the project's node_modules.
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(path.dirname(require.resolve('weui-miniprogram/package.json')), path.join(project, 'node_modules', 'weui-miniprogram'));
    host = await startHost(project);
  }, 60_000);
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('builds miniprogram_npm and renders the npm components', async () => {
    expect(fs.existsSync(path.join(project, 'miniprogram_npm', 'weui-miniprogram', 'cell', 'cell.js'))).toBe(true);
    expect(host.stderr()).toContain("built miniprogram_npm (as DevTools' 构建 npm)");
    const page = (await host.miniProgram.currentPage())!;
    expect(await page.$$('mp-cell')).toHaveLength(1);
    expect(await (await page.$('mp-cells'))!.outerWxml()).toContain('openid');
  });

  it('wx.cloud.init succeeds; a cloud call fails with the documented error', async () => {
    const page = (await host.miniProgram.currentPage())!;
    expect(await page.data('error')).toMatch(/^cloud\.callFunction:fail WeChat cloud \(wx\.cloud\) is offline in the headless host/);
  });

  it('cloud.callFunction is mockable like any wx method', async () => {
    await host.miniProgram.mockWxMethod('cloud.callFunction', { result: { openid: 'o_cloud_1' } });
    await host.miniProgram.callWxMethod('reLaunch', { url: '/pages/index/index' });
    const page = (await host.miniProgram.currentPage())!;
    expect(await (await page.$('view.openid'))!.text()).toBe('o_cloud_1');
    expect(await page.data('error')).toBe('');
  });
});
