/**
 * The privacy popup appears on the page the user is looking at, and only there: the 我的 tab
 * page stays alive underneath the profile page and must not show its own copy.
 */
import { installWxFake } from '../../support/miniprogram/wx-fake';
import type { TestApp } from '../../support/server/test-app';
import { openHost, startServer } from '../pages/page-host';

const wxFake = installWxFake();
let server: TestApp;
beforeAll(async () => {
  server = await startServer(wxFake);
});
afterAll(() => server.close());

it('shows the popup on the visible page only, and hides it everywhere after 同意', async () => {
  const host = openHost();
  try {
    await host.launch('/pages/me/index');
    expect(host.currentPage().component.querySelector('#privacy-popup >>> .privacy-popup')).toBeUndefined();
    await host.tap('.me__setup');
    const [me, profile] = host.stack();
    expect(profile?.route).toBe('pages/profile/index');
    expect(profile?.component.querySelector('#privacy-popup >>> .privacy-popup')).toBeDefined();
    expect(me?.component.querySelector('#privacy-popup >>> .privacy-popup')).toBeUndefined();

    await host.tap('#privacy-popup >>> #privacy-agree');
    expect(wxFake.privacy.agreed).toBe(true);
    expect(wxFake.privacy.violations).toEqual([]);
    expect(profile?.component.querySelector('#privacy-popup >>> .privacy-popup')).toBeUndefined();
    await host.navigateBack();
    expect(host.currentPage().component.querySelector('#privacy-popup >>> .privacy-popup')).toBeUndefined();
  } finally {
    host.close();
  }
});
