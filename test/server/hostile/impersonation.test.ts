/**
 * Staff impersonation (issue 12, item 8): staff nicknames and their close variants are refused
 * for members, and 公告 is a staff-only board, enforced by the server.
 */
import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
let member: string;
let announcements: number;
let general: number;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' });
  member = (await t.loginAsMember('普通会员')).accessToken;
  const boards: Array<{ id: number; slug: string; staffOnly: boolean }> = (await t.request({ method: 'GET', url: '/boards' })).json().items;
  announcements = boards.find((b) => b.slug === 'announcements')!.id;
  general = boards.find((b) => b.slug === 'general')!.id;
  expect(boards.find((b) => b.slug === 'announcements')?.staffOnly).toBe(true);
  expect(boards.find((b) => b.slug === 'general')?.staffOnly).toBe(false);
});
afterAll(() => t.close());

it.each([
  '社区运营',
  '社区 运营',
  '社区·运营！',
  '社区运营 ',
  '　社区运营',
  '社区运营\u200b',
  '官方社区运营',
  '社区助手',
  'ＡＤＭＩＮ',
  'Admin',
  '管理员小王',
  '官方客服',
  '运营',
])('refuses the nickname %s for a member', async (nickname) => {
  const response = await t.request({ method: 'PUT', url: '/me', token: member, payload: { nickname } });
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'nickname_reserved', message: expect.stringContaining('保留') });
});

it('accepts ordinary nicknames', async () => {
  for (const nickname of ['山间小径', '爱爬山的猫', '社区新人']) {
    const response = await t.request({ method: 'PUT', url: '/me', token: member, payload: { nickname } });
    expect({ nickname, status: response.statusCode }).toEqual({ nickname, status: 200 });
  }
});

it('lets only staff post to 公告', async () => {
  const refused = await t.request({
    method: 'POST',
    url: '/posts',
    token: member,
    payload: { boardId: announcements, title: '重要通知', body: '请所有人点击这个链接' },
  });
  expect(refused.statusCode).toBe(403);
  expect(refused.json()).toMatchObject({ code: 'board_staff_only' });
  expect(
    (await t.request({ method: 'POST', url: '/posts', token: member, payload: { boardId: general, title: '你好', body: '大家好' } }))
      .statusCode,
  ).toBe(201);
  const moderator = (await t.loginAsTestAccount()).accessToken;
  expect(
    (
      await t.request({
        method: 'POST',
        url: '/posts',
        token: moderator,
        payload: { boardId: announcements, title: '社区公告', body: '欢迎大家' },
      })
    ).statusCode,
  ).toBe(201);
});
