import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('PUT /me (nickname through msgSecCheck scene 1)', () => {
  it('pass → the nickname is public and the guest becomes a member', async () => {
    const guest = await t.loginAsGuest('o_nickname_pass');
    const response = await t.request({ method: 'PUT', url: '/me', token: guest.accessToken, payload: { nickname: '  小林  ' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ nicknameStatus: 'published', user: { nickname: '小林', role: 'member', canPost: true } });
    expect(t.fake.calls.msg_sec_check.at(-1)).toMatchObject({ scene: 1, openid: 'o_nickname_pass', content: '小林' });
  });

  it('review → kept pending for the user, not public', async () => {
    const guest = await t.loginAsGuest();
    const response = await t.request({ method: 'PUT', url: '/me', token: guest.accessToken, payload: { nickname: '待定 [review]' } });
    expect(response.json()).toMatchObject({
      nicknameStatus: 'held',
      user: { nickname: null, pendingNickname: '待定 [review]', pendingNicknameStatus: 'held' },
    });
  });

  it('risky → 422 and nothing changes', async () => {
    const member = await t.loginAsMember('原来的名字');
    const response = await t.request({ method: 'PUT', url: '/me', token: member.accessToken, payload: { nickname: '坏名字 [risky]' } });
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toBe('昵称可能包含不当信息，请换一个');
    expect((await t.request({ method: 'GET', url: '/me', token: member.accessToken })).json()).toMatchObject({
      nickname: '原来的名字',
      pendingNickname: null,
    });
  });

  it('only nickname can be changed: role in the body is stripped', async () => {
    const guest = await t.loginAsGuest();
    const response = await t.request({
      method: 'PUT',
      url: '/me',
      token: guest.accessToken,
      payload: { nickname: '普通人', role: 'moderator', banned_at: null },
    });
    expect(response.json().user.role).toBe('member');
  });

  it('needs a login', async () => {
    expect((await t.request({ method: 'PUT', url: '/me', payload: { nickname: '谁' } })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/me' })).statusCode).toBe(401);
  });
});

describe('DELETE /me', () => {
  it('removes posts, comments and identity, revokes tokens, and the next login is a new guest', async () => {
    const member = await t.loginAsMember('要离开的人', 'o_leaving');
    const boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
    const post = (
      await t.request({ method: 'POST', url: '/posts', token: member.accessToken, payload: { boardId, title: '告别', body: '感谢大家' } })
    ).json();
    const [seeded] = (await t.request({ method: 'GET', url: '/posts?pinned=true' })).json().items;
    await t.request({ method: 'POST', url: `/posts/${seeded.id}/comments`, token: member.accessToken, payload: { body: '再见' } });
    const countBefore = (await t.request({ method: 'GET', url: `/posts/${seeded.id}` })).json().commentCount;

    expect((await t.request({ method: 'DELETE', url: '/me', token: member.accessToken })).statusCode).toBe(204);

    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/posts/${seeded.id}` })).json().commentCount).toBe(countBefore - 1);
    expect((await t.request({ method: 'GET', url: '/me', token: member.accessToken })).statusCode).toBe(401);
    expect((await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: member.refreshToken } })).statusCode).toBe(
      401,
    );
    const row = await t.database.handle.db.selectFrom('users').selectAll().where('id', '=', member.user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ openid: null, nickname: null, pending_nickname: null });
    expect(row.deleted_at).not.toBeNull();
    const again = await t.loginAsGuest('o_leaving');
    expect(again.user.id).not.toBe(member.user.id);
    expect(again.user.nickname).toBeNull();
  });
});
