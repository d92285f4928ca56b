/**
 * The mini program's errors are reported as DevTools reports them, never fatal: a throw in onLaunch
 * or in a launch-time wx callback arrives as App.exceptionThrown; a page whose module fails to load
 * answers that navigation with its error and leaves the session usable.
 */
import path from 'node:path';
import { FIXTURES, startHost, type RunningHost } from './host-process';

describe('a fragile mini program (no project.config.json, app.json at the root)', () => {
  let host: RunningHost;
  const exceptions: { message: string }[] = [];
  beforeAll(async () => {
    host = await startHost(path.join(FIXTURES, 'fragile'));
    host.miniProgram.on('exception', (exception: { message: string }) => exceptions.push(exception));
  }, 30_000);
  afterAll(() => host?.stop());

  it('reports the throws at launch and still opens the entry page', async () => {
    const page = await host.miniProgram.currentPage();
    expect(page?.path).toBe('pages/home/home');
    expect(exceptions.map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('onLaunch failed'), expect.stringContaining('launch callback failed')]),
    );
  });

  it('a page that fails to load answers with its error, and the session stays usable', async () => {
    await expect(host.miniProgram.callWxMethod('navigateTo', { url: '/pages/broken/broken' })).rejects.toThrow(
      /broken.*(not-there|failed to load)/s,
    );
    expect((await host.miniProgram.currentPage())?.path).toBe('pages/home/home');
    await host.miniProgram.callWxMethod('navigateTo', { url: '/pages/other/other' });
    const page = await host.miniProgram.currentPage();
    expect(page?.path).toBe('pages/other/other');
    expect(await (await page!.$('.title'))!.text()).toBe('other');
  });

  it('a throwing onLoad is reported and the page still shows', async () => {
    await host.miniProgram.callWxMethod('redirectTo', { url: '/pages/crash/crash' });
    const page = await host.miniProgram.currentPage();
    expect(page?.path).toBe('pages/crash/crash');
    expect(await (await page!.$('.title'))!.text()).toBe('crash');
    expect(exceptions.map((e) => e.message)).toContainEqual(expect.stringContaining('onLoad failed'));
    expect(host.child.exitCode).toBeNull();
  });
});
