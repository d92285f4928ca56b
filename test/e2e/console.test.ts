/**
 * The moderators' web console in real Chromium, against the real server (listening on a free
 * loopback port) and the fake WeChat: log in, triage a held image, reject a post with a reason,
 * ban and unban, read the audit log; a queue of 100 held posts triaged by keyboard alone with every
 * decision in the audit log; CSRF, cookie flags and security headers; a member's token and the
 * reviewer account get nowhere. The screenshots in docs/screenshots are taken here.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { PostDetail } from '@wx-community-starter/contract';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { createLocalDiskMediaStore } from '../../server/src/modules/media/media-store';
import { insertMedia } from '../../server/src/modules/media/media.repository';
import { describeWithChromium, launchChromium } from '../support/browser/chromium';
import { createTestApp, TEST_ACCOUNT_PASSWORD, type TestApp } from '../support/server/test-app';

jest.setTimeout(240_000);

const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');
const MODERATOR = '值班管理员';
const MODERATOR_PASSWORD = 'console-password-for-tests';
const LAPTOP = { width: 1280, height: 860 };
const TABLET = { width: 820, height: 1180 };

let t: TestApp;
let browser: Browser;
let boardId: number;

describeWithChromium()('the web console in Chromium', () => {
  beforeAll(async () => {
    t = await createTestApp({ CONSOLE_LOGINS_PER_MINUTE: '50' }, { listen: true });
    await t.app.services.consoleAccounts.addModerator(MODERATOR, MODERATOR_PASSWORD);
    boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function createPost(token: string, title: string, body: string, mediaIds?: string[]): Promise<PostDetail> {
    const response = await t.request({
      method: 'POST',
      url: '/posts',
      token,
      payload: { boardId, title, body, ...(mediaIds ? { mediaIds } : {}) },
    });
    if (response.statusCode !== 201) throw new Error(`post refused: ${response.body}`);
    return response.json();
  }

  /** A real PNG, stored and marked held as when WeChat's image check answers `review`. */
  async function heldImage(ownerId: number, colour: { r: number; g: number; b: number }): Promise<string> {
    const id = randomUUID();
    const png = await sharp({ create: { width: 320, height: 240, channels: 3, background: colour } })
      .png()
      .toBuffer();
    await createLocalDiskMediaStore(t.mediaDir).put(`${id}.png`, png);
    await insertMedia(t.database.handle.db, {
      id,
      owner_id: ownerId,
      purpose: 'post_image',
      status: 'held',
      mime_type: 'image/png',
      byte_size: png.length,
      width: 320,
      height: 240,
      storage_key: `${id}.png`,
      fetch_token: randomUUID(),
      fetch_expires_at: new Date(Date.now() + 60_000).toISOString(),
      check_openid: null,
    });
    return id;
  }

  function audit(targetType: string, targetId: number | string) {
    return t.database.handle.db
      .selectFrom('moderation_actions')
      .select(['action', 'reason', 'moderator_id'])
      .where('target_type', '=', targetType)
      .where('target_id', '=', String(targetId))
      .orderBy('id')
      .execute();
  }

  async function logIn(context: BrowserContext): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    await page.fill('input[name="name"]', MODERATOR);
    await page.fill('input[name="password"]', MODERATOR_PASSWORD);
    await Promise.all([page.waitForURL(`${t.baseUrl}/console`), page.click('#login-form button[type="submit"]')]);
    return page;
  }

  it('a member token and the reviewer test account cannot reach the console', async () => {
    const member = await t.loginAsMember('只是会员');
    const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${member.accessToken}` } });
    const page = await context.newPage();
    await page.goto(`${t.baseUrl}/console/posts`);
    expect(new URL(page.url()).pathname).toBe('/console/login');
    const status = await page.evaluate(async () => (await fetch('/console/', { headers: { accept: 'application/json' } })).status);
    expect(status).toBe(401);

    await page.fill('input[name="name"]', t.config.testAccount.username);
    await page.fill('input[name="password"]', TEST_ACCOUNT_PASSWORD);
    await page.click('#login-form button[type="submit"]');
    await expect(page.locator('#login-form [role="alert"]').textContent()).resolves.toBe('账号或密码错误');
    expect(new URL(page.url()).pathname).toBe('/console/login');
    expect((await context.cookies()).map((c) => c.name)).not.toContain('console_session');
    await context.close();
  });

  it('logs in, triages a held image, rejects a post with a reason, bans and unbans, and shows it all in the audit log', async () => {
    const author = await t.loginAsMember('随手拍');
    const reporter = await t.loginAsMember('热心邻居');
    const images = [await heldImage(author.user.id, { r: 64, g: 160, b: 96 }), await heldImage(author.user.id, { r: 220, g: 120, b: 60 })];
    const imagePost = await createPost(author.accessToken, '楼下新开的面包店', '刚出炉的面包，大家看看 [review]', images);
    expect(imagePost.status).toBe('held');
    const spam = await createPost(author.accessToken, '低价转让', '加我微信领优惠');
    await t.request({
      method: 'POST',
      url: '/reports',
      token: reporter.accessToken,
      payload: { targetType: 'post', targetId: spam.id, reason: 'spam', detail: '像是广告' },
    });

    const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
    const page = await logIn(context);

    // Security headers of the console's own pages, and the session cookie's flags.
    const response = await page.goto(`${t.baseUrl}/console`);
    const headers = response!.headers();
    expect(headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    );
    expect(headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    const session = (await context.cookies()).find((c) => c.name === 'console_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/console', secure: false });
    expect((await context.cookies()).find((c) => c.name === 'console_csrf')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // The dashboard counts what waits: the held post, its two images, the report.
    await expect(page.locator('#queue-sizes tbody tr').nth(0).locator('td').nth(1).textContent()).resolves.toBe('1');
    await expect(page.locator('#queue-sizes tbody tr').nth(2).locator('td').nth(1).textContent()).resolves.toBe('2');
    await expect(page.locator('#queue-sizes tbody tr').nth(3).locator('td').nth(1).textContent()).resolves.toBe('1');
    await expect(page.locator('#oldest-age .tile__value').textContent()).resolves.toMatch(/秒|分钟/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-dashboard.png'), fullPage: true });

    // The held post with its images, as the queue shows it.
    await page.goto(`${t.baseUrl}/console/posts`);
    const item = page.locator(`[data-id="post-${imagePost.id}"]`);
    await expect(item.locator('.item__meta .user').textContent()).resolves.toBe('随手拍');
    const loaded = await item.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth));
    expect(loaded).toEqual([320, 320]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-queue.png'), fullPage: true });

    // Triage a held image in the media grid by keyboard: the first is current, `a` approves it.
    await page.setViewportSize(TABLET);
    await page.goto(`${t.baseUrl}/console/media`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-media-tablet.png'), fullPage: true });
    await expect(page.locator('[data-item].is-current').getAttribute('data-id')).resolves.toBe(`media-${images[0]}`);
    await page.keyboard.press('a');
    await page.locator(`[data-id="media-${images[0]}"].is-done`).waitFor();
    await expect(page.locator(`[data-id="media-${images[0]}"] .item__status`).textContent()).resolves.toBe('已通过');
    expect(await audit('media', images[0]!)).toEqual([expect.objectContaining({ action: 'approve_media', reason: null })]);

    // Reject the post with a typed reason, by the mouse this time; the author sees the reason.
    await page.setViewportSize(LAPTOP);
    await page.goto(`${t.baseUrl}/console/posts`);
    const reject = item.locator('form[data-key="r"]');
    await reject.locator('input[name="reason"]').fill('图片与标题不符，请修改后重发');
    await reject.locator('button').click();
    await page.locator(`[data-id="post-${imagePost.id}"].is-done`).waitFor();
    const seen = (await t.request({ method: 'GET', url: `/posts/${imagePost.id}`, token: author.accessToken })).json();
    expect(seen).toMatchObject({ status: 'rejected', reviewMessage: '图片与标题不符，请修改后重发' });
    expect(await audit('post', imagePost.id)).toEqual([
      expect.objectContaining({ action: 'reject_post', reason: '图片与标题不符，请修改后重发' }),
    ]);

    // The report shows its labelled reason and the reporter; the author is banned from there, then unbanned.
    await page.goto(`${t.baseUrl}/console/reports`);
    const report = page.locator('[data-item]').first();
    await expect(report.locator('.item__title').textContent()).resolves.toBe('垃圾广告');
    await expect(report.locator('.item__head .user').textContent()).resolves.toBe('热心邻居');
    await Promise.all([page.waitForURL(`${t.baseUrl}/console/users/${author.user.id}`), report.getByText('禁言作者…').click()]);
    await page.locator('form[action$="/ban"] input[name="reason"]').fill('多次发布广告');
    await Promise.all([page.waitForURL(`${t.baseUrl}/console/users/${author.user.id}`), page.click('form[action$="/ban"] button')]);
    await expect(page.locator('#user-status').textContent()).resolves.toContain('已禁言');
    expect((await t.request({ method: 'GET', url: '/me', token: author.accessToken })).statusCode).toBe(401);
    await Promise.all([page.waitForURL(`${t.baseUrl}/console/users/${author.user.id}`), page.click('form[action$="/unban"] button')]);
    await expect(page.locator('#user-status').textContent()).resolves.toContain('正常');

    // The audit log, filtered to that user: both decisions, newest first, with the ban's reason.
    await page.goto(`${t.baseUrl}/console/audit`);
    await page.selectOption('select[name="targetType"]', 'user');
    await page.fill('input[name="targetId"]', String(author.user.id));
    await Promise.all([page.waitForURL(/targetType=user/), page.click('#audit-filters button[type="submit"]')]);
    const rows = await page
      .locator('#audit-log tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(1).map((td) => td.textContent?.trim())));
    expect(rows).toEqual([
      [MODERATOR, '解除禁言', `用户 #${author.user.id}`, '—'],
      [MODERATOR, '禁言用户', `用户 #${author.user.id}`, '多次发布广告'],
    ]);

    // A state change without the CSRF token is refused and changes nothing, even from the console's own page.
    const other = await createPost(reporter.accessToken, '再等等看', '还在审核中的帖子 [review]');
    const refused = await page.evaluate(async (id) => {
      const res = await fetch(`/console/posts/${id}/approve`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'back=%2Fconsole%2Fposts',
      });
      return { status: res.status, body: await res.json() };
    }, other.id);
    expect(refused).toEqual({ status: 403, body: { code: 'csrf', message: '页面已过期，请刷新页面后重试' } });
    expect((await t.request({ method: 'GET', url: `/posts/${other.id}`, token: reporter.accessToken })).json().status).toBe('held');
    expect(await audit('post', other.id)).toEqual([]);

    // Logging out ends the session on the server, not only in this browser.
    const cookie = (await context.cookies()).find((c) => c.name === 'console_session')!.value;
    await Promise.all([page.waitForURL(`${t.baseUrl}/console/login`), page.click('.bar__logout button')]);
    const replay = await t.app.inject({ method: 'GET', url: '/console', headers: { cookie: `console_session=${cookie}` } });
    expect([replay.statusCode, replay.headers.location]).toEqual([303, '/console/login']);
    await context.close();
  });

  it('triages a queue of 100 held posts by keyboard alone, every decision in the audit log', async () => {
    // Clear what earlier tests left, so the queue holds exactly these 100.
    await t.database.handle.db.updateTable('posts').set({ status: 'published' }).where('status', 'in', ['held', 'checking']).execute();
    const author = await t.loginAsMember('排队的作者');
    const expected = new Map<number, 'approve_post' | 'reject_post'>();
    for (let n = 0; n < 100; n += 1) {
      const post = await createPost(author.accessToken, `第 ${n + 1} 条待审`, `${n % 3 === 0 ? '不合适的内容' : '正常分享'} [review]`);
      expected.set(post.id, n % 3 === 0 ? 'reject_post' : 'approve_post');
    }

    const context = await browser.newContext({ viewport: LAPTOP, locale: 'zh-CN' });
    const page = await logIn(context);
    await page.goto(`${t.baseUrl}/console/posts`);
    const started = Date.now();
    let decided = 0;
    for (;;) {
      if ((await page.locator('#queue-empty').count()) > 0) break;
      const current = page.locator('[data-item].is-current');
      const id = Number((await current.getAttribute('data-id'))!.replace('post-', ''));
      const body = await current.locator('.item__body').textContent();
      await page.keyboard.press(body!.startsWith('不合适') ? 'r' : 'a');
      await page.locator(`[data-id="post-${id}"].is-done`).waitFor();
      decided += 1;
      if (await page.locator('#page-done').isVisible()) {
        await Promise.all([page.waitForEvent('load'), page.keyboard.press('n')]);
      }
    }
    const seconds = (Date.now() - started) / 1000;
    console.log(`keyboard triage: ${decided} held posts decided in ${seconds.toFixed(1)} s in Chromium`);
    expect(decided).toBe(100);

    const rows = await t.database.handle.db
      .selectFrom('moderation_actions')
      .select(['action', 'target_id', 'reason'])
      .where('target_type', '=', 'post')
      .where(
        'target_id',
        'in',
        [...expected.keys()].map((id) => String(id)),
      )
      .execute();
    expect(rows).toHaveLength(100);
    for (const row of rows) expect([row.target_id, row.action]).toEqual([row.target_id, expected.get(Number(row.target_id))]);
    expect(rows.filter((r) => r.action === 'reject_post').every((r) => r.reason === '内容不符合社区公约')).toBe(true);

    // The audit page shows them, newest first.
    await page.goto(`${t.baseUrl}/console/audit?targetType=post`);
    await expect(page.locator('#audit-log tbody tr').count()).resolves.toBe(50);
    await context.close();
  });
});
