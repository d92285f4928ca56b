import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('accepts an empty JSON body, as wx.request sends for DELETE', async () => {
  const member = await t.loginAsMember('整理者');
  const boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
  const post = (
    await t.request({ method: 'POST', url: '/posts', token: member.accessToken, payload: { boardId, title: '待删除', body: '马上删掉' } })
  ).json();
  const response = await t.request({
    method: 'DELETE',
    url: `/posts/${post.id}`,
    token: member.accessToken,
    headers: { 'content-type': 'application/json' },
    payload: '',
  });
  expect(response.statusCode).toBe(204);
});

it('still refuses malformed JSON with 400 and a Chinese message', async () => {
  const response = await t.request({
    method: 'POST',
    url: '/auth/wechat',
    headers: { 'content-type': 'application/json' },
    payload: '{"code":',
  });
  expect(response.statusCode).toBe(400);
  expect(response.json().message).toMatch(/[\u4e00-\u9fa5]/);
});
