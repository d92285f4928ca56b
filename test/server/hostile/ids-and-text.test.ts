/**
 * Hostile ids and text (issue 12, items 1, 2 and 9): ids past the id column's range, NUL and lone
 * surrogates, and whitespace-only text are refused as the client's mistake (4xx) with the project's
 * error shape, the same on SQLite and PostgreSQL, and nothing is written.
 */
import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
let member: string;
let moderator: string;
let boardId: number;
let postId: number;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' });
  member = (await t.loginAsMember('山间小径')).accessToken;
  moderator = (await t.loginAsTestAccount()).accessToken;
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { slug: string }) => b.slug !== 'announcements')?.id;
  postId = (await t.request({ method: 'GET', url: '/posts' })).json().items[0].id;
});
afterAll(() => t.close());

const huge = ['2147483648', '9007199254740993', '99999999999999999999', '1e309'];

describe('ids past the database range', () => {
  it.each(huge)('GET /posts/%s and /posts?boardId=%s are 4xx, never 5xx', async (id) => {
    for (const url of [`/posts/${id}`, `/posts?boardId=${id}`, `/posts/${id}/comments`]) {
      const response = await t.request({ method: 'GET', url });
      expect([400, 404]).toContain(response.statusCode);
      expect(response.json().code).toEqual(expect.any(String));
    }
  });

  it('refuses huge ids in moderation paths, report targets and post boards', async () => {
    const calls = [
      { method: 'POST' as const, url: `/moderation/posts/${huge[0]}/approve`, token: moderator },
      { method: 'POST' as const, url: `/moderation/posts/${huge[0]}/reject`, token: moderator, payload: { reason: '不合适' } },
      { method: 'POST' as const, url: `/moderation/comments/${huge[0]}/approve`, token: moderator },
      { method: 'POST' as const, url: `/moderation/users/${huge[0]}/ban`, token: moderator, payload: { reason: '测试' } },
      { method: 'POST' as const, url: `/moderation/users/${huge[0]}/unban`, token: moderator },
      { method: 'POST' as const, url: `/moderation/nicknames/${huge[0]}/approve`, token: moderator },
      { method: 'POST' as const, url: `/moderation/reports/${huge[0]}/resolve`, token: moderator, payload: { action: 'none' } },
      { method: 'DELETE' as const, url: `/posts/${huge[0]}`, token: member },
      { method: 'DELETE' as const, url: `/comments/${huge[0]}`, token: member },
      {
        method: 'POST' as const,
        url: '/reports',
        token: member,
        payload: { targetType: 'post', targetId: Number(huge[0]), reason: 'spam' },
      },
      { method: 'POST' as const, url: '/posts', token: member, payload: { boardId: Number(huge[0]), title: '你好', body: '正文' } },
    ];
    for (const call of calls) {
      const response = await t.request(call);
      expect({ url: call.url, status: response.statusCode }).toEqual({ url: call.url, status: expect.any(Number) });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
    }
  });

  it('refuses a forged cursor that decodes to a huge id', async () => {
    const cursor = Buffer.from('id:999999999999999').toString('base64url');
    for (const url of [`/posts?cursor=${cursor}`, `/posts/${postId}/comments?cursor=${cursor}`]) {
      const response = await t.request({ method: 'GET', url });
      expect(response.statusCode).toBe(400);
    }
  });
});

describe('NUL and lone surrogates in text', () => {
  const bad = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00y'];

  it.each(bad.map((s) => [JSON.stringify(s), s]))('POST /posts with body %s is a 400 and writes nothing', async (_label, text) => {
    const before = (
      await t.database.handle.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    for (const payload of [
      { boardId, title: '你好', body: text },
      { boardId, title: text, body: '正文' },
    ]) {
      const response = await t.request({ method: 'POST', url: '/posts', token: member, payload });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/[\u4e00-\u9fff]/);
    }
    const after = (
      await t.database.handle.db
        .selectFrom('posts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(Number(after)).toBe(Number(before));
  });

  it('is refused in comments, nicknames, reports, reasons and login fields too', async () => {
    for (const text of bad) {
      const calls = [
        { method: 'POST' as const, url: `/posts/${postId}/comments`, token: member, payload: { body: text } },
        { method: 'PUT' as const, url: '/me', token: member, payload: { nickname: text } },
        {
          method: 'POST' as const,
          url: '/reports',
          token: member,
          payload: { targetType: 'post', targetId: postId, reason: 'spam', detail: text },
        },
        { method: 'POST' as const, url: `/moderation/posts/${postId}/reject`, token: moderator, payload: { reason: text } },
        { method: 'POST' as const, url: '/auth/password', payload: { username: text, password: text, code: 'x' } },
        { method: 'GET' as const, url: `/posts?cursor=${text.includes('\u0000') ? 'a%00b' : '%ED%A0%80'}` },
      ];
      for (const call of calls) {
        const response = await t.request(call);
        expect({ url: call.url, status: response.statusCode }).toEqual({ url: call.url, status: 400 });
      }
    }
  });
});

describe('whitespace-only text', () => {
  const blanks = [' ', '   ', '\n\t ', '\u3000\u3000', '\u00a0'];

  it.each(blanks.map((s) => [JSON.stringify(s), s]))(
    'title, body, comment and nickname of %s are a 400 with a Chinese message',
    async (_label, blank) => {
      const calls = [
        { method: 'POST' as const, url: '/posts', token: member, payload: { boardId, title: blank, body: '正文' } },
        { method: 'POST' as const, url: '/posts', token: member, payload: { boardId, title: '标题', body: blank } },
        { method: 'POST' as const, url: `/posts/${postId}/comments`, token: member, payload: { body: blank } },
        { method: 'PUT' as const, url: '/me', token: member, payload: { nickname: blank } },
      ];
      for (const call of calls) {
        const response = await t.request(call);
        expect({ url: call.url, status: response.statusCode }).toEqual({ url: call.url, status: 400 });
        expect(response.json().code).toBe('blank_text');
        expect(response.json().message).toMatch(/不能/);
      }
    },
  );
});
