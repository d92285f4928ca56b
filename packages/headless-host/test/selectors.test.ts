/** Tag selectors as DevTools accepts them, through the real miniprogram-automator client. */
import path from 'node:path';
import { FIXTURES, startHost, type RunningHost } from './host-process';

describe('tag selectors', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startHost(path.join(FIXTURES, 'js-root'));
  }, 30_000);
  afterAll(() => host?.stop());

  it('page.$ and page.$$ with tags, tag.class compounds and combinators', async () => {
    const page = (await host.miniProgram.currentPage())!;
    expect(await (await page.$('view'))!.attribute('class')).toBe('container');
    expect(await Promise.all((await page.$$('button')).map((button: { text(): Promise<string> }) => button.text()))).toEqual([
      '详情',
      '计数 0',
    ]);
    expect((await page.$$('view.item')).length).toBe(2);
    expect(await (await page.$('.container > button.count'))!.text()).toBe('计数 0');
    expect(await (await page.$('view text.card-title'))!.text()).toBe('HELLO');
    expect(await page.$('.container > text.card-title')).toBeNull();
    await (await page.$('button.count'))!.tap();
    expect(await (await page.$('button.count'))!.text()).toBe('计数 1');
  });

  it('a custom component is found by its tag, and >>> reaches into it', async () => {
    await host.miniProgram.callWxMethod('reLaunch', { url: '/pages/logs/logs' });
    const page = (await host.miniProgram.currentPage())!;
    expect(await page.$$('view.log-item')).toHaveLength(1);
    expect(await page.$('text')).toBeNull();
  });
});
