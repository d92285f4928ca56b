/** The queues: held posts with their images, held comments, the media grid, open reports and held nicknames. */
import type {
  ModerationComment,
  ModerationMedia,
  ModerationNickname,
  ModerationPost,
  ModerationReport,
} from '@wx-community-starter/contract';
import { REPORT_REASON_LABELS } from '@wx-community-starter/contract';
import { formatTime } from './format';
import { decisionForm, emptyState, pager, reasonPresets, TRIAGE_HINT, userLink } from './decisions';
import { html, type Html } from './html';
import { layout, type PageContext } from './layout';

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

const STATUS_LABELS: Record<string, string> = {
  held: '待人工审核',
  checking: '等待微信检测',
  pending: '等待微信检测',
  published: '已发布',
  approved: '已通过',
  rejected: '已拒绝',
};

const image = (id: string, status: string) =>
  html`<figure class="thumb">
    <a href="/console/media/${id}" target="_blank" rel="noopener"><img src="/console/media/${id}" alt="待审图片" loading="lazy" /></a>
    <figcaption class="badge badge--${status}">${STATUS_LABELS[status] ?? status}</figcaption>
  </figure>`;

function queuePage<T>(
  title: string,
  context: PageContext,
  page: Page<T>,
  path: string,
  empty: string,
  item: (row: T) => Html,
  grid = false,
) {
  return layout(
    title,
    context,
    html`${TRIAGE_HINT}${reasonPresets()}
      ${
        page.items.length === 0
          ? emptyState(empty)
          : html`<div class="queue${grid ? ' queue--grid' : ''}" data-queue>${page.items.map(item)}</div>`
      }
      <p class="notice" id="page-done" hidden>本页已处理完。按 <kbd>n</kbd> 或 <a href="${path}">载入下一批</a>。</p>
      ${pager(path, page.nextCursor)}`,
  );
}

export function postQueuePage(page: Page<ModerationPost>, context: PageContext) {
  const back = '/console/posts';
  return queuePage(
    '待审帖子',
    { ...context, section: 'posts' },
    page,
    back,
    '没有待审的帖子。',
    (post) =>
      html`<article class="item card" data-item data-id="post-${post.id}" tabindex="-1">
        <header class="item__head">
          <h2 class="item__title">${post.title}</h2>
          <span class="badge badge--${post.status}">${STATUS_LABELS[post.status]}</span>
        </header>
        <p class="item__meta">${userLink(post.author)} · 帖子 #${post.id} · ${formatTime(post.createdAt)}</p>
        <p class="item__body">${post.body}</p>
        ${post.images.length > 0 ? html`<div class="thumbs">${post.images.map((i) => image(i.id, i.status))}</div>` : ''}
        <div class="item__actions">
          ${decisionForm(context, { action: `/console/posts/${post.id}/approve`, label: '通过', key: 'a', tone: 'primary', back })}
          ${decisionForm(context, { action: `/console/posts/${post.id}/reject`, label: '拒绝', key: 'r', tone: 'danger', reason: 'reject', back })}
          <a class="button button--quiet" href="/console/users/${post.author.id}">禁言作者…</a>
        </div>
      </article>`,
  );
}

export function commentQueuePage(page: Page<ModerationComment>, context: PageContext) {
  const back = '/console/comments';
  return queuePage(
    '待审评论',
    { ...context, section: 'comments' },
    page,
    back,
    '没有待审的评论。',
    (comment) =>
      html`<article class="item card" data-item data-id="comment-${comment.id}" tabindex="-1">
        <p class="item__meta">${userLink(comment.author)} 评论了《${comment.postTitle}》 · ${formatTime(comment.createdAt)}</p>
        <p class="item__body">${comment.body}</p>
        <div class="item__actions">
          ${decisionForm(context, { action: `/console/comments/${comment.id}/approve`, label: '通过', key: 'a', tone: 'primary', back })}
          ${decisionForm(context, {
            action: `/console/comments/${comment.id}/reject`,
            label: '拒绝',
            key: 'r',
            tone: 'danger',
            reason: 'reject',
            back,
          })}
          <a class="button button--quiet" href="/console/users/${comment.author.id}">禁言作者…</a>
        </div>
      </article>`,
  );
}

export function mediaQueuePage(page: Page<ModerationMedia>, context: PageContext) {
  const back = '/console/media';
  return queuePage(
    '待审图片',
    { ...context, section: 'media' },
    page,
    back,
    '没有待审的图片。',
    (media) =>
      html`<article class="item card tile-item" data-item data-id="media-${media.id}" tabindex="-1">
        ${image(media.id, media.status)}
        <p class="item__meta">
          ${userLink(media.owner)} · ${media.purpose === 'avatar' ? '头像' : media.postId ? `帖子 #${media.postId}` : '帖子图片'} ·
          ${media.width}×${media.height}
        </p>
        <div class="item__actions">
          ${decisionForm(context, { action: `/console/media/${media.id}/approve`, label: '通过', key: 'a', tone: 'primary', back })}
          ${decisionForm(context, {
            action: `/console/media/${media.id}/reject`,
            label: '拒绝',
            key: 'r',
            tone: 'danger',
            reason: 'reject',
            back,
          })}
        </div>
      </article>`,
    true,
  );
}

export function reportQueuePage(page: Page<ModerationReport>, context: PageContext) {
  const back = '/console/reports';
  return queuePage(
    '举报',
    { ...context, section: 'reports' },
    page,
    back,
    '没有待处理的举报。',
    (report) =>
      html`<article class="item card" data-item data-id="report-${report.id}" tabindex="-1">
        <header class="item__head">
          <h2 class="item__title">${REPORT_REASON_LABELS[report.reason]}</h2>
          <span class="item__meta"
            >${userLink(report.reporter)} 举报了${report.targetType === 'post' ? '帖子' : '评论'} #${report.targetId} ·
            ${formatTime(report.createdAt)}</span
          >
        </header>
        ${report.detail ? html`<p class="item__detail">补充说明：${report.detail}</p>` : ''}
        ${
          report.target
            ? html`<blockquote class="item__body">
                ${report.target.excerpt}
                <footer>${userLink(report.target.author)} · ${STATUS_LABELS[report.target.status] ?? report.target.status}</footer>
              </blockquote>`
            : html`<p class="empty">被举报的内容已不存在。</p>`
        }
        <div class="item__actions">
          ${decisionForm(context, {
            action: `/console/reports/${report.id}/resolve`,
            label: '不予处理',
            key: 'a',
            tone: 'primary',
            back,
            fields: { action: 'none' },
          })}
          ${decisionForm(context, {
            action: `/console/reports/${report.id}/resolve`,
            label: '删除内容',
            key: 'r',
            tone: 'danger',
            reason: 'remove',
            back,
            fields: { action: 'remove_content' },
          })}
          ${report.target ? html`<a class="button button--quiet" href="/console/users/${report.target.author.id}">禁言作者…</a>` : ''}
        </div>
      </article>`,
  );
}

export function nicknameQueuePage(page: Page<ModerationNickname>, context: PageContext) {
  const back = '/console/nicknames';
  return queuePage(
    '待审昵称',
    { ...context, section: 'nicknames' },
    page,
    back,
    '没有待审的昵称。',
    (row) =>
      html`<article class="item card" data-item data-id="nickname-${row.userId}" tabindex="-1">
        <h2 class="item__title">${row.pendingNickname}</h2>
        <p class="item__meta">${userLink({ id: row.userId, nickname: row.nickname })} 申请改用此昵称 · ${formatTime(row.requestedAt)}</p>
        <div class="item__actions">
          ${decisionForm(context, { action: `/console/nicknames/${row.userId}/approve`, label: '通过', key: 'a', tone: 'primary', back })}
          ${decisionForm(context, { action: `/console/nicknames/${row.userId}/reject`, label: '拒绝', key: 'r', tone: 'danger', back })}
        </div>
      </article>`,
  );
}
