import type { Comment, PostDetail, PostSummary } from '@wx-community-starter/contract';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
let boardId: number;
beforeAll(async () => {
  t = await createTestApp();
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
});
afterAll(() => t.close());

async function createPost(token: string, title: string, body: string) {
  return t.request({ method: 'POST', url: '/posts', token, payload: { boardId, title, body } });
}

async function feedIds(token?: string): Promise<number[]> {
  const response = await t.request({ method: 'GET', url: '/posts?limit=50', ...(token ? { token } : {}) });
  return response.json().items.map((p: PostSummary) => p.id);
}

describe('reading as a guest', () => {
  it('lists boards and seeded posts without any token', async () => {
    const boards = (await t.request({ method: 'GET', url: '/boards' })).json().items;
    expect(boards.length).toBeGreaterThanOrEqual(3);
    const feed = await t.request({ method: 'GET', url: '/posts' });
    expect(feed.statusCode).toBe(200);
    const items: PostSummary[] = feed.json().items;
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((p) => p.status === 'published' && p.author.nickname.length > 0)).toBe(true);
  });

  it('pages through the feed with a cursor, newest first, without gaps or repeats', async () => {
    const all = await feedIds();
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
      const page = (await t.request({ method: 'GET', url: `/posts${query}` })).json();
      seen.push(...page.items.map((p: PostSummary) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect([...all].sort((a, b) => b - a)).toEqual(all);
  });

  it('filters pinned posts and a board', async () => {
    const pinned: PostSummary[] = (await t.request({ method: 'GET', url: '/posts?pinned=true' })).json().items;
    expect(pinned.length).toBeGreaterThan(0);
    expect(pinned.every((p) => p.pinned)).toBe(true);
    const board: PostSummary[] = (await t.request({ method: 'GET', url: `/posts?boardId=${boardId}` })).json().items;
    expect(board.every((p) => p.boardId === boardId)).toBe(true);
  });

  it('reads a post and its comments', async () => {
    const [first] = (await t.request({ method: 'GET', url: '/posts?pinned=true' })).json().items;
    const detail = (await t.request({ method: 'GET', url: `/posts/${first.id}` })).json();
    expect(detail.body.length).toBeGreaterThan(first.excerpt.length - 2);
    const comments = (await t.request({ method: 'GET', url: `/posts/${first.id}/comments` })).json();
    expect(comments.items.length).toBe(detail.commentCount);
  });

  it('rejects a forged cursor with 400 and a Chinese message', async () => {
    const response = await t.request({ method: 'GET', url: '/posts?cursor=bm9wZQ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid_cursor');
  });

  it('cannot write without logging in', async () => {
    const response = await t.request({ method: 'POST', url: '/posts', payload: { boardId, title: '你好', body: '大家好' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('posting through the text check', () => {
  it('requires a nickname before the first post', async () => {
    const guest = await t.loginAsGuest();
    const response = await createPost(guest.accessToken, '第一次发帖', '大家好，请多关照');
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'profile_required', message: '请先设置头像和昵称' });
  });

  it('pass → published and visible to everyone; the check used scene 3 and the author openid', async () => {
    const member = await t.loginAsMember('晨跑的猫', 'o_pass_author');
    const response = await createPost(member.accessToken, '周末去爬山', '天气很好，山顶的风景值得一看。');
    expect(response.statusCode).toBe(201);
    const post: PostDetail = response.json();
    expect(post).toMatchObject({ status: 'published', isMine: true, author: { nickname: '晨跑的猫' } });
    expect(post.reviewMessage).toBeUndefined();
    expect(await feedIds()).toContain(post.id);
    const call = t.fake.calls.msg_sec_check.at(-1);
    expect(call).toMatchObject({
      scene: 3,
      openid: 'o_pass_author',
      version: 2,
      content: '天气很好，山顶的风景值得一看。',
      title: '周末去爬山',
    });
  });

  it('review → held: the author sees 审核中, nobody else sees it', async () => {
    const author = await t.loginAsMember('等风来');
    const response = await createPost(author.accessToken, '一个想法', '这段内容需要人工看看 [review]');
    expect(response.statusCode).toBe(201);
    const post: PostDetail = response.json();
    expect(post.status).toBe('held');
    expect(post.reviewMessage).toBe('管理员确认后其他人就能看到');
    expect(await feedIds()).not.toContain(post.id);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).statusCode).toBe(404);
    const other = await t.loginAsMember('路人甲');
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}`, token: other.accessToken })).statusCode).toBe(404);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}`, token: author.accessToken })).json().status).toBe('held');
    const mine: PostSummary[] = (await t.request({ method: 'GET', url: '/me/posts', token: author.accessToken })).json().items;
    expect(mine.find((p) => p.id === post.id)).toMatchObject({ status: 'held', reviewMessage: '管理员确认后其他人就能看到' });
  });

  it('risky → 422 with a clear Chinese message and nothing stored', async () => {
    const author = await t.loginAsMember('风险评估员');
    const before = await t.database.handle.db.selectFrom('posts').select('id').execute();
    const response = await createPost(author.accessToken, '标题', '这里有违规的内容 [risky]');
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'content_risky', message: '内容可能包含不当信息，请修改后再发布' });
    expect(await t.database.handle.db.selectFrom('posts').select('id').execute()).toHaveLength(before.length);
  });

  it('ignores status, author_id, pinned and role in the body', async () => {
    const author = await t.loginAsMember('认真的人');
    const victim = await t.loginAsMember('另一个人');
    const response = await t.request({
      method: 'POST',
      url: '/posts',
      token: author.accessToken,
      payload: {
        boardId,
        title: '需要审核的帖子',
        body: '内容 [review]',
        status: 'published',
        author_id: victim.user.id,
        authorId: victim.user.id,
        pinned: true,
        role: 'moderator',
      },
    });
    expect(response.statusCode).toBe(201);
    const row = await t.database.handle.db.selectFrom('posts').selectAll().where('id', '=', response.json().id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'held', author_id: author.user.id, pinned: 0 });
  });

  it('never exposes openid in any response', async () => {
    const author = await t.loginAsMember('隐私守护者', 'o_never_exposed');
    const post = await createPost(author.accessToken, '关于隐私', '保护好自己的信息');
    const responses = [
      post.body,
      (await t.request({ method: 'GET', url: '/me', token: author.accessToken })).body,
      (await t.request({ method: 'GET', url: '/posts' })).body,
    ];
    for (const body of responses) expect(body).not.toMatch(/o_never_exposed|openid|password|session/i);
  });
});

describe('ownership', () => {
  it('user B cannot delete user A’s post or comment; the rows stay', async () => {
    const a = await t.loginAsMember('甲');
    const b = await t.loginAsMember('乙');
    const post: PostDetail = (await createPost(a.accessToken, '甲的帖子', '只属于甲')).json();
    const comment: Comment = (
      await t.request({ method: 'POST', url: `/posts/${post.id}/comments`, token: a.accessToken, payload: { body: '甲的评论' } })
    ).json();
    expect((await t.request({ method: 'DELETE', url: `/posts/${post.id}`, token: b.accessToken })).statusCode).toBe(403);
    expect((await t.request({ method: 'DELETE', url: `/comments/${comment.id}`, token: b.accessToken })).statusCode).toBe(403);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json()).toMatchObject({ id: post.id, commentCount: 1 });
    expect((await t.request({ method: 'DELETE', url: `/comments/${comment.id}`, token: a.accessToken })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json().commentCount).toBe(0);
    expect((await t.request({ method: 'DELETE', url: `/posts/${post.id}`, token: a.accessToken })).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).statusCode).toBe(404);
  });

  it('a held post cannot be probed by others: 404, not 403', async () => {
    const a = await t.loginAsMember('丙');
    const b = await t.loginAsMember('丁');
    const post = (await createPost(a.accessToken, '待审', '内容 [review]')).json();
    expect((await t.request({ method: 'DELETE', url: `/posts/${post.id}`, token: b.accessToken })).statusCode).toBe(404);
  });
});

describe('comments', () => {
  it('published comments count; a held comment is shown to its author only', async () => {
    const author = await t.loginAsMember('评论者');
    const reader = await t.loginAsMember('读者');
    const post: PostDetail = (await createPost(author.accessToken, '讨论串', '欢迎留言')).json();
    const ok = await t.request({
      method: 'POST',
      url: `/posts/${post.id}/comments`,
      token: author.accessToken,
      payload: { body: '第一条' },
    });
    expect(ok.statusCode).toBe(201);
    expect(t.fake.calls.msg_sec_check.at(-1)).toMatchObject({ scene: 2 });
    const held = await t.request({
      method: 'POST',
      url: `/posts/${post.id}/comments`,
      token: author.accessToken,
      payload: { body: '第二条 [review]' },
    });
    expect(held.json()).toMatchObject({ status: 'held', reviewMessage: '管理员确认后其他人就能看到' });
    const risky = await t.request({
      method: 'POST',
      url: `/posts/${post.id}/comments`,
      token: author.accessToken,
      payload: { body: '第三条 [risky]' },
    });
    expect(risky.statusCode).toBe(422);

    const forAuthor: Comment[] = (await t.request({ method: 'GET', url: `/posts/${post.id}/comments`, token: author.accessToken })).json()
      .items;
    expect(forAuthor.map((c) => c.status)).toEqual(['published', 'held']);
    const forReader: Comment[] = (await t.request({ method: 'GET', url: `/posts/${post.id}/comments`, token: reader.accessToken })).json()
      .items;
    expect(forReader.map((c) => c.body)).toEqual(['第一条']);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json().commentCount).toBe(1);
  });

  it('cannot comment on a post others cannot see', async () => {
    const author = await t.loginAsMember('某人');
    const held = (await createPost(author.accessToken, '待审', '内容 [review]')).json();
    const response = await t.request({
      method: 'POST',
      url: `/posts/${held.id}/comments`,
      token: author.accessToken,
      payload: { body: '自言自语' },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('reports', () => {
  it('records one report per reporter and target', async () => {
    const reporter = await t.loginAsGuest();
    const [post] = (await t.request({ method: 'GET', url: '/posts' })).json().items;
    const first = await t.request({
      method: 'POST',
      url: '/reports',
      token: reporter.accessToken,
      payload: { targetType: 'post', targetId: post.id, reason: 'spam' },
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().message).toBe('举报已收到，我们会尽快处理');
    const again = await t.request({
      method: 'POST',
      url: '/reports',
      token: reporter.accessToken,
      payload: { targetType: 'post', targetId: post.id, reason: 'abuse' },
    });
    expect(again.json().id).toBe(first.json().id);
    const rows = await t.database.handle.db.selectFrom('reports').selectAll().where('target_id', '=', post.id).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses reports of missing content and unknown reasons', async () => {
    const reporter = await t.loginAsGuest();
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/reports',
          token: reporter.accessToken,
          payload: { targetType: 'post', targetId: 999999, reason: 'spam' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/reports',
          token: reporter.accessToken,
          payload: { targetType: 'post', targetId: 1, reason: 'because' },
        })
      ).statusCode,
    ).toBe(400);
  });
});
