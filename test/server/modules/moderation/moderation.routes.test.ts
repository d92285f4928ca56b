import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type {
  ModerationBan,
  ModerationLogEntry,
  ModerationMedia,
  ModerationNickname,
  ModerationPost,
  ModerationReport,
  PostDetail,
  PostSummary,
  TokenPair,
} from '@wx-community-starter/contract';
import { createLocalDiskMediaStore } from '../../../../server/src/modules/media/media-store';
import { insertMedia } from '../../../../server/src/modules/media/media.repository';
import { createTestApp, type TestApp } from '../../../support/server/test-app';

let t: TestApp;
let boardId: number;
let moderator: TokenPair;
beforeAll(async () => {
  t = await createTestApp({ TEST_ACCOUNT_ROLE: 'moderator' });
  boardId = (await t.request({ method: 'GET', url: '/boards' })).json().items.find((b: { staffOnly: boolean }) => !b.staffOnly).id;
  moderator = await t.loginAsTestAccount();
});
afterAll(() => t.close());

const CHINESE = /[\u4e00-\u9fff]/;

function mod(method: 'GET' | 'POST', url: string, payload?: object) {
  return t.request({ method, url, token: moderator.accessToken, ...(payload ? { payload } : {}) });
}

async function createPost(token: string, body: string, extra: { mediaIds?: string[] } = {}): Promise<PostDetail> {
  const response = await t.request({
    method: 'POST',
    url: '/posts',
    token,
    payload: { boardId, title: `帖子：${body.slice(0, 8)}`, body, ...extra },
  });
  if (response.statusCode !== 201) throw new Error(`post refused: ${response.body}`);
  return response.json();
}

async function feedIds(): Promise<number[]> {
  return (await t.request({ method: 'GET', url: '/posts?limit=50' })).json().items.map((p: PostSummary) => p.id);
}

function auditRows(targetType: string, targetId: number | string) {
  return t.database.handle.db
    .selectFrom('moderation_actions')
    .selectAll()
    .where('target_type', '=', targetType)
    .where('target_id', '=', String(targetId))
    .execute();
}

/** Every moderation route, as OpenAPI names it. The guard test checks this covers all of them. */
const ROUTES = [
  'GET /moderation/posts',
  'GET /moderation/comments',
  'GET /moderation/media',
  'GET /moderation/reports',
  'GET /moderation/nicknames',
  'GET /moderation/actions',
  'GET /moderation/summary',
  'GET /moderation/bans',
  'GET /moderation/media/{id}/content',
  'POST /moderation/posts/{id}/approve',
  'POST /moderation/posts/{id}/reject',
  'POST /moderation/comments/{id}/approve',
  'POST /moderation/comments/{id}/reject',
  'POST /moderation/media/{id}/approve',
  'POST /moderation/media/{id}/reject',
  'POST /moderation/nicknames/{userId}/approve',
  'POST /moderation/nicknames/{userId}/reject',
  'POST /moderation/reports/{id}/resolve',
  'POST /moderation/users/{id}/ban',
  'POST /moderation/users/{id}/unban',
  'POST /moderation/content-check-probe',
];

describe('the guard', () => {
  it('lists every /moderation route registered', () => {
    const spec = t.app.swagger() as unknown as { paths: Record<string, Record<string, unknown>> };
    const registered = Object.entries(spec.paths)
      .filter(([path]) => path.startsWith('/moderation'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(registered.sort()).toEqual([...ROUTES].sort());
  });

  it('answers 401 without a token and 403 with a Chinese message to a member, on every route, changing nothing', async () => {
    const member = await t.loginAsMember('好奇的会员');
    const target = await createPost(member.accessToken, '想被偷偷通过 [review]');
    const mediaId = randomUUID();
    for (const route of ROUTES) {
      const [method, template] = route.split(' ') as ['GET' | 'POST', string];
      const url = template
        .replace('{id}', template.includes('/media/') ? mediaId : String(target.id))
        .replace('{userId}', String(member.user.id));
      const guest = await t.request({ method, url });
      expect([route, guest.statusCode]).toEqual([route, 401]);
      const forbidden = await t.request({ method, url, token: member.accessToken });
      expect([route, forbidden.statusCode]).toEqual([route, 403]);
      expect(forbidden.json()).toMatchObject({ code: 'forbidden', message: expect.stringMatching(CHINESE) });
    }
    expect((await t.request({ method: 'GET', url: `/posts/${target.id}`, token: member.accessToken })).json().status).toBe('held');
    expect(await auditRows('post', target.id)).toHaveLength(0);
  });
});

describe('posts', () => {
  it('a held post is queued; approving publishes it once and logs it once', async () => {
    const author = await t.loginAsMember('等风来');
    const held = await createPost(author.accessToken, '这段内容需要人工看看 [review]');
    expect(held.status).toBe('held');

    const queue: ModerationPost[] = (await mod('GET', '/moderation/posts?limit=50')).json().items;
    expect(queue.find((p) => p.id === held.id)).toMatchObject({
      status: 'held',
      awaitingAutomaticCheck: false,
      author: { id: author.user.id, nickname: '等风来' },
      body: '这段内容需要人工看看 [review]',
      images: [],
    });

    expect((await mod('POST', `/moderation/posts/${held.id}/approve`)).json()).toEqual({ changed: true, status: 'published' });
    expect(await feedIds()).toContain(held.id);
    expect((await mod('POST', `/moderation/posts/${held.id}/approve`)).json()).toEqual({ changed: false, status: 'published' });
    expect(await auditRows('post', held.id)).toHaveLength(1);

    const log: ModerationLogEntry[] = (await mod('GET', '/moderation/actions')).json().items;
    expect(log[0]).toMatchObject({
      action: 'approve_post',
      targetType: 'post',
      targetId: String(held.id),
      moderator: { id: moderator.user.id },
      reason: null,
    });
    expect((await mod('GET', '/moderation/posts?limit=50')).json().items.map((p: ModerationPost) => p.id)).not.toContain(held.id);
  });

  it('rejecting shows the author the reason and hides the post; a rejected post cannot be approved', async () => {
    const author = await t.loginAsMember('想发帖的人');
    const held = await createPost(author.accessToken, '第一条待审 [review]');
    const result = await mod('POST', `/moderation/posts/${held.id}/reject`, { reason: '标题与内容不符，请修改后重发' });
    expect(result.json()).toEqual({ changed: true, status: 'rejected' });
    const seen = (await t.request({ method: 'GET', url: `/posts/${held.id}`, token: author.accessToken })).json();
    expect(seen).toMatchObject({ status: 'rejected', reviewMessage: '标题与内容不符，请修改后重发' });
    expect((await t.request({ method: 'GET', url: `/posts/${held.id}` })).statusCode).toBe(404);

    expect((await mod('POST', `/moderation/posts/${held.id}/reject`, {})).json()).toEqual({ changed: false, status: 'rejected' });
    const approve = await mod('POST', `/moderation/posts/${held.id}/approve`);
    expect(approve.statusCode).toBe(409);
    expect(approve.json()).toMatchObject({ code: 'already_rejected', message: expect.stringMatching(CHINESE) });
    expect(await auditRows('post', held.id)).toHaveLength(1);

    const other = await createPost(author.accessToken, '第二条待审 [review]');
    await mod('POST', `/moderation/posts/${other.id}/reject`);
    expect((await t.request({ method: 'GET', url: `/posts/${other.id}`, token: author.accessToken })).json().reviewMessage).toBe(
      '内容不符合社区公约',
    );
  });

  it('approving approves held images; a post with an image still at WeChat stays checking until it passes', async () => {
    const author = await t.loginAsMember('爱拍照的人');
    const store = createLocalDiskMediaStore(t.mediaDir);
    const image = async (status: 'held' | 'pending') => {
      const id = randomUUID();
      await store.put(`${id}.png`, Buffer.from(`bytes of ${id}`));
      await insertMedia(t.database.handle.db, {
        id,
        owner_id: author.user.id,
        purpose: 'post_image',
        status,
        mime_type: 'image/png',
        byte_size: 12,
        width: 640,
        height: 480,
        storage_key: `${id}.png`,
        fetch_token: randomUUID(),
        fetch_expires_at: new Date(Date.now() + 60_000).toISOString(),
        check_openid: null,
      });
      return id;
    };
    const [held, pending] = [await image('held'), await image('pending')];
    const post = await createPost(author.accessToken, '今天拍的两张照片', { mediaIds: [held, pending] });
    expect(post.status).toBe('held');
    const queued: ModerationPost[] = (await mod('GET', '/moderation/posts?limit=50')).json().items;
    expect(queued.find((p) => p.id === post.id)?.images).toEqual([
      { id: held, status: 'held' },
      { id: pending, status: 'pending' },
    ]);

    expect((await mod('POST', `/moderation/posts/${post.id}/approve`)).json()).toEqual({ changed: true, status: 'checking' });
    expect((await mod('POST', `/moderation/posts/${post.id}/approve`)).json()).toEqual({ changed: false, status: 'checking' });
    const mediaQueue: ModerationMedia[] = (await mod('GET', '/moderation/media?limit=50')).json().items;
    expect(mediaQueue.map((m) => m.id)).not.toContain(held);
    expect(mediaQueue.find((m) => m.id === pending)).toMatchObject({
      status: 'pending',
      awaitingWeChat: true,
      postId: post.id,
      owner: { id: author.user.id },
      width: 640,
    });

    const content = await mod('GET', `/moderation/media/${pending}/content`);
    expect([content.statusCode, content.headers['content-type'], content.body]).toEqual([200, 'image/png', `bytes of ${pending}`]);

    expect((await mod('POST', `/moderation/media/${pending}/approve`)).json()).toEqual({ changed: true, status: 'approved' });
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json().status).toBe('published');
    expect((await auditRows('media', pending)).map((r) => r.action)).toEqual(['approve_media']);
  });

  it('pages a queue oldest first without gaps or repeats', async () => {
    const author = await t.loginAsMember('连续发帖');
    for (const n of [1, 2, 3]) await createPost(author.accessToken, `排队的帖子 ${n} [review]`);
    const all: number[] = (await mod('GET', '/moderation/posts?limit=50')).json().items.map((p: ModerationPost) => p.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: { items: ModerationPost[]; nextCursor: string | null } = (await mod('GET', `/moderation/posts?limit=2${query}`)).json();
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect([...all].sort((a, b) => a - b)).toEqual(all);
    expect((await mod('GET', '/moderation/media?cursor=bm9wZQ')).statusCode).toBe(400);
  });
});

describe('comments, reports and nicknames', () => {
  it('approving a held comment publishes it and counts it once', async () => {
    const author = await t.loginAsMember('评论的人');
    const post = await createPost(author.accessToken, '欢迎留言');
    const comment = (
      await t.request({
        method: 'POST',
        url: `/posts/${post.id}/comments`,
        token: author.accessToken,
        payload: { body: '需要看看 [review]' },
      })
    ).json();
    expect(comment.status).toBe('held');
    const queue = (await mod('GET', '/moderation/comments?limit=50')).json().items;
    expect(queue.find((c: { id: number }) => c.id === comment.id)).toMatchObject({
      postId: post.id,
      postTitle: post.title,
      body: '需要看看 [review]',
    });

    expect((await mod('POST', `/moderation/comments/${comment.id}/approve`)).json()).toEqual({ changed: true, status: 'published' });
    expect((await mod('POST', `/moderation/comments/${comment.id}/approve`)).json()).toEqual({ changed: false, status: 'published' });
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json().commentCount).toBe(1);

    expect((await mod('POST', `/moderation/comments/${comment.id}/reject`, { reason: '与主题无关' })).json()).toEqual({
      changed: true,
      status: 'rejected',
    });
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json().commentCount).toBe(0);
  });

  it('a decision whose audit row cannot be written is rolled back completely', async () => {
    const author = await t.loginAsMember('回滚测试');
    const post = await createPost(author.accessToken, '回滚测试的帖子');
    const comment = (
      await t.request({
        method: 'POST',
        url: `/posts/${post.id}/comments`,
        token: author.accessToken,
        payload: { body: '等一等 [review]' },
      })
    ).json();
    // A real fault: the comment update succeeds, the audit insert in the same transaction fails.
    const db = t.database.handle.db;
    await sql`ALTER TABLE moderation_actions RENAME TO moderation_actions_unavailable`.execute(db);
    try {
      expect((await mod('POST', `/moderation/comments/${comment.id}/approve`)).statusCode).toBe(500);
    } finally {
      await sql`ALTER TABLE moderation_actions_unavailable RENAME TO moderation_actions`.execute(db);
    }
    const row = await db.selectFrom('comments').select('status').where('id', '=', comment.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('held');
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).json().commentCount).toBe(0);
  });

  it('resolving a report with remove_content hides the content and settles the report', async () => {
    const author = await t.loginAsMember('被举报的人');
    const reporter = await t.loginAsMember('热心会员');
    const post = await createPost(author.accessToken, '加我微信领取优惠券');
    const report = (
      await t.request({
        method: 'POST',
        url: '/reports',
        token: reporter.accessToken,
        payload: { targetType: 'post', targetId: post.id, reason: 'spam' },
      })
    ).json();

    const queue: ModerationReport[] = (await mod('GET', '/moderation/reports?limit=50')).json().items;
    expect(queue.find((r) => r.id === report.id)).toMatchObject({
      reporter: { id: reporter.user.id },
      reason: 'spam',
      targetType: 'post',
      targetId: post.id,
      target: { status: 'published', excerpt: expect.stringContaining('加我微信'), author: { id: author.user.id } },
    });

    const resolved = await mod('POST', `/moderation/reports/${report.id}/resolve`, {
      action: 'remove_content',
      reason: '广告内容，已移除',
    });
    expect(resolved.json()).toEqual({ changed: true, status: 'resolved' });
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}` })).statusCode).toBe(404);
    expect(await feedIds()).not.toContain(post.id);
    expect((await t.request({ method: 'GET', url: `/posts/${post.id}`, token: author.accessToken })).json().reviewMessage).toBe(
      '广告内容，已移除',
    );
    expect((await mod('GET', '/moderation/reports?limit=50')).json().items.map((r: ModerationReport) => r.id)).not.toContain(report.id);
    expect((await mod('POST', `/moderation/reports/${report.id}/resolve`, {})).json()).toEqual({ changed: false, status: 'resolved' });
    expect((await auditRows('report', report.id)).map((r) => r.action)).toEqual(['resolve_report']);
    expect((await auditRows('post', post.id)).map((r) => [r.action, r.reason])).toEqual([['reject_post', '广告内容，已移除']]);
  });

  it('a held nickname is queued; approving publishes it, rejecting drops it', async () => {
    const approved = await t.loginAsMember('晴天[review]');
    const dropped = await t.loginAsMember('阴天[review]');
    const queue: ModerationNickname[] = (await mod('GET', '/moderation/nicknames?limit=50')).json().items;
    expect(queue.filter((n) => [approved.user.id, dropped.user.id].includes(n.userId))).toEqual([
      expect.objectContaining({ userId: approved.user.id, nickname: null, pendingNickname: '晴天[review]' }),
      expect.objectContaining({ userId: dropped.user.id, pendingNickname: '阴天[review]' }),
    ]);

    expect((await mod('POST', `/moderation/nicknames/${approved.user.id}/approve`)).json()).toEqual({ changed: true, status: 'approved' });
    expect((await mod('POST', `/moderation/nicknames/${approved.user.id}/approve`)).json()).toEqual({ changed: false, status: 'none' });
    expect((await t.request({ method: 'GET', url: '/me', token: approved.accessToken })).json()).toMatchObject({
      nickname: '晴天[review]',
      pendingNickname: null,
    });
    expect((await mod('POST', `/moderation/nicknames/${dropped.user.id}/reject`)).json()).toEqual({ changed: true, status: 'rejected' });
    expect((await t.request({ method: 'GET', url: '/me', token: dropped.accessToken })).json()).toMatchObject({
      nickname: null,
      pendingNickname: null,
    });
  });
});

describe('bans', () => {
  it('revokes the tokens at once; after a new login the user reads but cannot post until unbanned', async () => {
    const user = await t.loginAsMember('发广告的人', 'o_to_be_banned');
    expect((await mod('POST', `/moderation/users/${user.user.id}/ban`, { reason: '多次发布广告' })).json()).toEqual({
      changed: true,
      status: 'banned',
    });
    expect((await mod('POST', `/moderation/users/${user.user.id}/ban`, {})).json()).toEqual({ changed: false, status: 'banned' });
    expect((await t.request({ method: 'GET', url: '/me', token: user.accessToken })).statusCode).toBe(401);
    expect((await t.request({ method: 'POST', url: '/auth/refresh', payload: { refreshToken: user.refreshToken } })).statusCode).toBe(401);

    const again = await t.loginAsGuest('o_to_be_banned');
    expect((await t.request({ method: 'GET', url: '/posts', token: again.accessToken })).statusCode).toBe(200);
    const refused = await t.request({
      method: 'POST',
      url: '/posts',
      token: again.accessToken,
      payload: { boardId, title: '再来', body: '还想发' },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(CHINESE);

    expect((await mod('POST', `/moderation/users/${user.user.id}/unban`)).json()).toEqual({ changed: true, status: 'active' });
    const allowed = await t.request({
      method: 'POST',
      url: '/posts',
      token: again.accessToken,
      payload: { boardId, title: '改过了', body: '以后好好发帖' },
    });
    expect(allowed.statusCode).toBe(201);
    expect((await auditRows('user', user.user.id)).map((r) => [r.action, r.reason])).toEqual([
      ['ban_user', '多次发布广告'],
      ['unban_user', null],
    ]);
  });

  it('lists banned accounts newest ban first, with the ban reason, a page at a time; unbanning takes one off', async () => {
    const users: number[] = [];
    for (const [i, name] of ['刷屏的甲', '刷屏的乙', '刷屏的丙'].entries()) {
      const user = await t.loginAsMember(name, `o_ban_list_${i}`);
      const reason = i === 1 ? undefined : `理由${i}`;
      expect((await mod('POST', `/moderation/users/${user.user.id}/ban`, reason ? { reason } : {})).statusCode).toBe(200);
      users.push(user.user.id);
    }
    const seen: ModerationBan[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await mod('GET', `/moderation/bans?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page: { items: ModerationBan[]; nextCursor: string | null } = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    const ours = seen.filter((ban) => users.includes(ban.user.id));
    expect(ours.map((ban) => [ban.user.id, ban.reason])).toEqual([
      [users[2], '理由2'],
      [users[1], null],
      [users[0], '理由0'],
    ]);
    expect(new Set(seen.map((ban) => ban.user.id)).size).toBe(seen.length);
    expect(pages).toBeGreaterThan(1);
    expect(ours[0]).toMatchObject({ user: { nickname: '刷屏的丙' }, bannedAt: expect.any(String) });

    await mod('POST', `/moderation/users/${users[1]}/unban`);
    const after: { items: ModerationBan[] } = (await mod('GET', '/moderation/bans?limit=50')).json();
    expect(after.items.map((ban) => ban.user.id)).not.toContain(users[1]);
    expect(after.items.map((ban) => ban.user.id)).toEqual(expect.arrayContaining([users[0], users[2]]));
    expect((await mod('GET', '/moderation/bans?cursor=bm90LW91cnM')).statusCode).toBe(400);
  });

  it('a moderator cannot ban themselves or another moderator', async () => {
    const self = await mod('POST', `/moderation/users/${moderator.user.id}/ban`, {});
    expect(self.statusCode).toBe(403);
    const other = await t.database.handle.db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'moderator')
      .where('id', '!=', moderator.user.id)
      .executeTakeFirstOrThrow();
    const response = await mod('POST', `/moderation/users/${other.id}/ban`, { reason: '试试看' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden', message: '不能禁言其他管理员' });
    expect(await auditRows('user', other.id)).toHaveLength(0);
  });
});
