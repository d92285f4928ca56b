/**
 * post-card rendered alone (miniprogram-simulate, official wcc): what a feed shows of one post
 * and the `open` event it raises.
 */
import type { PostSummary } from '@wx-community-starter/contract';
import { attr, loadComponent, recordEvents, text } from '../../support/miniprogram/component-harness';

const harness = loadComponent('post-card');
const { simulate } = harness;
function render(value: PostSummary | null) {
  return harness.render({ post: value });
}

function post(overrides: Partial<PostSummary> = {}): PostSummary {
  return {
    id: 42,
    boardId: 1,
    title: '周末徒步约伴',
    excerpt: '这周六去香山，有人一起吗？',
    author: { id: 7, nickname: '山野', avatarUrl: '/media/avatar-7.jpg' },
    pinned: false,
    commentCount: 3,
    status: 'published',
    images: [],
    imageCount: 0,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('post-card', () => {
  it('renders title, excerpt, author and comment count; no tag or review label for a published post', () => {
    const comp = render(post());
    expect(text(comp, '.post-card__title')).toBe('周末徒步约伴');
    expect(text(comp, '.post-card__excerpt')).toBe('这周六去香山，有人一起吗？');
    expect(text(comp, '.post-card__author')).toBe('山野');
    expect(text(comp, '.post-card__comments')).toBe('评论 3');
    expect(attr(comp.querySelector('.post-card__avatar'), 'src')).toBe('http://127.0.0.1:3000/media/avatar-7.jpg');
    expect(comp.querySelector('.post-card__tag')).toBeUndefined();
    expect(comp.querySelector('.post-card__review')).toBeUndefined();
    expect(comp.querySelector('.post-card__thumbnails')).toBeUndefined();
  });

  it('shows 置顶 for a pinned post', () => {
    const comp = render(post({ pinned: true }));
    expect(text(comp, '.post-card__tag')).toBe('置顶');
  });

  it('shows 审核中 and the review message for a held post', () => {
    const comp = render(post({ status: 'held', reviewMessage: '内容正在人工审核，通过后其他人可见' }));
    expect(text(comp, '.post-card__status')).toBe('审核中');
    expect(text(comp, '.post-card__review-message')).toBe('内容正在人工审核，通过后其他人可见');
  });

  it('approved images are thumbnails with absolute URLs; pending ones are placeholders (at most three)', () => {
    const comp = render(
      post({
        images: [
          { id: 'a', status: 'approved', url: '/media/a.jpg', width: 10, height: 10 },
          { id: 'b', status: 'pending', url: null, width: 10, height: 10 },
          { id: 'c', status: 'approved', url: 'https://cdn.example.com/c.jpg', width: 10, height: 10 },
          { id: 'd', status: 'approved', url: '/media/d.jpg', width: 10, height: 10 },
        ],
      }),
    );
    const cells = comp.querySelectorAll('.post-card__thumbnail');
    expect(cells).toHaveLength(3);
    const images = comp.querySelectorAll('.post-card__image').map((image) => attr(image, 'src'));
    expect(images).toEqual(['http://127.0.0.1:3000/media/a.jpg', 'https://cdn.example.com/c.jpg']);
    expect(comp.querySelectorAll('.post-card__pending').map((p) => (p.dom?.textContent ?? '').trim())).toEqual(['审核中']);
    expect(cells[1].querySelector('.post-card__image')).toBeUndefined();
  });

  it('tap emits open with the post id', async () => {
    const comp = render(post({ id: 99 }));
    const events = recordEvents(comp, 'open');
    comp.querySelector('.post-card')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([{ name: 'open', detail: { id: 99 } }]);
  });

  it('renders nothing without a post', () => {
    const comp = render(null);
    expect(comp.querySelector('.post-card')).toBeUndefined();
  });
});
