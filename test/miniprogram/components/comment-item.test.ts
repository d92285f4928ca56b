/**
 * comment-item rendered alone: author, body, review state, and report (others) or delete (mine).
 */
import type { Comment } from '@wx-community-starter/contract';
import { attr, loadComponent, recordEvents, text } from '../../support/miniprogram/component-harness';

const harness = loadComponent('comment-item');
const { simulate } = harness;
const render = harness.render;

function comment(overrides: Partial<Comment> = {}): Comment {
  return {
    id: 5,
    postId: 42,
    body: '算我一个！',
    author: { id: 8, nickname: '小林', avatarUrl: null },
    status: 'published',
    isMine: false,
    createdAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('comment-item', () => {
  it("someone else's comment: author and body, a report action and no delete", async () => {
    const comp = render({ comment: comment() });
    expect(text(comp, '.comment-item__author')).toBe('小林');
    expect(text(comp, '.comment-item__body')).toBe('算我一个！');
    expect(comp.querySelector('.comment-item__avatar')).toBeUndefined();
    expect(comp.querySelector('.comment-item__review')).toBeUndefined();
    expect(comp.querySelector('.comment-item__delete')).toBeUndefined();
    expect(text(comp, '.comment-item__report')).toBe('举报');
    const events = recordEvents(comp, 'report', 'delete');
    comp.querySelector('.comment-item__report')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([{ name: 'report', detail: { targetType: 'comment', targetId: 5 } }]);
  });

  it('my comment: a delete action and no report', async () => {
    const comp = render({ comment: comment({ id: 6, isMine: true, author: { id: 1, nickname: '我', avatarUrl: '/media/me.jpg' } }) });
    expect(attr(comp.querySelector('.comment-item__avatar'), 'src')).toBe('http://127.0.0.1:3000/media/me.jpg');
    expect(comp.querySelector('.comment-item__report')).toBeUndefined();
    expect(text(comp, '.comment-item__delete')).toBe('删除');
    const events = recordEvents(comp, 'report', 'delete');
    comp.querySelector('.comment-item__delete')?.dispatchEvent('tap');
    await simulate.sleep(0);
    expect(events).toEqual([{ name: 'delete', detail: { id: 6 } }]);
  });

  it('review state for the author: 审核中 with the message, 检测中 and 未通过审核', () => {
    const held = render({ comment: comment({ isMine: true, status: 'held', reviewMessage: '评论正在人工审核' }) });
    expect(text(held, '.comment-item__status')).toBe('审核中');
    expect(text(held, '.comment-item__review')).toContain('评论正在人工审核');
    expect(text(render({ comment: comment({ isMine: true, status: 'checking' }) }), '.comment-item__status')).toBe('检测中');
    expect(text(render({ comment: comment({ isMine: true, status: 'rejected' }) }), '.comment-item__status')).toBe('未通过审核');
  });
});
