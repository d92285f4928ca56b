/**
 * @jest-environment node
 */
import { comment, post, postDetail } from '../stores/fixtures';
import { installWxStub, routes, type StubRequest, type WxStub } from './wx-stub';

async function launch() {
  jest.resetModules();
  const forum = await import('../../../miniprogram/services/forum.service');
  const feedCache = await import('../../../miniprogram/services/feed-cache.service');
  const { forumStore } = await import('../../../miniprogram/stores');
  return { forum, feedCache, forumStore };
}

function query(request: StubRequest | undefined): string {
  return request?.url.split('?')[1] ?? '';
}

let wx: WxStub;
beforeEach(() => {
  wx = installWxStub();
});

it('loads the feed, then appends the next page with its cursor', async () => {
  wx.handler = (r) => {
    if (query(r).includes('cursor=c1')) r.respond(200, { items: [post(2), post(1)], nextCursor: null });
    else r.respond(200, { items: [post(4), post(3)], nextCursor: 'c1' });
  };
  const { forum, forumStore } = await launch();
  expect(await forum.openFeed()).toBe(0);
  expect(await forum.loadFeed('more')).toBe(2);
  expect(forumStore.feed.items.map((p) => p.id)).toEqual([4, 3, 2, 1]);
  expect(query(wx.requests[1])).toBe('limit=20&cursor=c1');
  expect(await forum.loadFeed('more')).toBeNull();
  expect(wx.requests).toHaveLength(2);
});

it('a failing load puts the message in the store instead of rejecting', async () => {
  wx.handler = (r) => r.fail('request:fail timeout');
  const { forum, forumStore } = await launch();
  await expect(forum.loadFeed('first')).resolves.toBeNull();
  expect(forumStore.feed).toMatchObject({ loading: false, error: '请求超时，请稍后重试' });
});

it('warm start: the cached feed is on screen before the network answers, then replaced', async () => {
  wx.handler = routes({ 'GET /posts': (r) => r.respond(200, { items: [post(2, { title: '置顶欢迎' }), post(1)], nextCursor: null }) });
  const first = await launch();
  await first.forum.openFeed();
  expect(first.feedCache.cachedFeed()?.items.map((p) => p.id)).toEqual([2, 1]);

  const pending: StubRequest[] = [];
  wx.handler = (r) => pending.push(r);
  const second = await launch();
  const refreshed = second.forum.openFeed();
  expect(second.forumStore.feed).toMatchObject({ fromCache: true, refreshing: true });
  expect(second.forumStore.feed.items.map((p) => p.title)).toEqual(['置顶欢迎', '帖子1']);
  pending[0]?.respond(200, { items: [post(3), post(2)], nextCursor: null });
  await refreshed;
  expect(second.forumStore.feed).toMatchObject({ fromCache: false, loaded: true });
  expect(second.forumStore.feed.items.map((p) => p.id)).toEqual([3, 2]);
  expect(second.feedCache.cachedFeed()?.items.map((p) => p.id)).toEqual([3, 2]);
});

it('the cache keeps public posts only and ignores a damaged value', async () => {
  const { feedCache, forumStore } = await launch();
  forumStore.applyFeedPage(forumStore.beginFeedLoad('first') as number, 'first', { items: [post(2), post(1)], nextCursor: null }, 1);
  forumStore.upsertCreatedPost(postDetail(9, { status: 'held' }));
  expect(feedCache.saveFeedCache(5)).toBe(true);
  expect(feedCache.cachedFeed()).toEqual({ items: [post(2), post(1)], nextCursor: null, savedAt: 5 });
  wx.storage.set('community.feed-cache.v1', { items: 'nope' });
  expect(feedCache.cachedFeed()).toBeNull();
});

it('board filter, created post and comment land in the store; delete removes', async () => {
  wx.handler = routes({
    'GET /posts': (r) => r.respond(200, { items: [post(1, { boardId: 2 })], nextCursor: null }),
    'POST /posts': (r) => r.respond(201, postDetail(7, { boardId: 2, status: 'held', reviewMessage: '内容审核中' })),
    'POST /posts/7/comments': (r) => r.respond(201, comment(70, 7, { isMine: true })),
    'DELETE /posts/7': (r) => r.respond(204, ''),
  });
  const { forum, forumStore } = await launch();
  forumStore.selectBoard(2);
  await forum.loadFeed('first');
  expect(query(wx.requests[0])).toBe('limit=20&boardId=2');
  const created = await forum.submitPost({ boardId: 2, title: '标题', body: '正文' });
  expect(wx.requests[1]?.data).toEqual({ boardId: 2, title: '标题', body: '正文' });
  expect(created.status).toBe('held');
  expect(forumStore.feed.items.map((p) => [p.id, p.status])).toEqual([
    [7, 'held'],
    [1, 'published'],
  ]);
  await forum.submitComment(7, { body: '沙发' });
  expect(forumStore.commentsOf(7).items.map((c) => c.id)).toEqual([70]);
  await forum.removePost(7);
  expect(forumStore.feed.items.map((p) => p.id)).toEqual([1]);
});

it('writes reject with the server message for the page to show', async () => {
  wx.handler = routes({
    'POST /posts/1/comments': (r) => r.respond(422, { code: 'content_risky', message: '内容含有违规信息，请修改后再发布' }),
  });
  const { forum, forumStore } = await launch();
  await expect(forum.submitComment(1, { body: 'x' })).rejects.toMatchObject({ userMessage: '内容含有违规信息，请修改后再发布' });
  expect(forumStore.commentsOf(1).items).toEqual([]);
});
