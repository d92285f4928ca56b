/** The dashboard: what waits for people and since when, failing WeChat checks, the job backlog. */
import type { ModerationOverview } from '../../moderation/moderation-overview';
import { formatAge, formatTime } from './format';
import { html } from './html';
import { layout, type PageContext } from './layout';

const JOB_LABELS: Record<string, string> = {
  'text-recheck': '文本复检',
  'media-check-submit': '图片送检',
  'media-verdict': '图片结果处理',
  'media-files-delete': '图片文件清理',
};

export function dashboardPage(overview: ModerationOverview, context: PageContext) {
  const q = overview.queues;
  const tile = (label: string, value: number, href: string, hint?: string) =>
    html`<a class="tile" href="${href}"
      ><span class="tile__value">${value}</span
      ><span class="tile__label">${label}</span>${hint ? html`<span class="tile__hint">${hint}</span>` : ''}</a
    >`;
  return layout(
    '概览',
    context,
    html`<section class="tiles" aria-label="待处理">
        ${tile('待人工审核', overview.held, '/console/posts', '帖子、评论、图片、举报、昵称')}
        ${tile('等待微信检测', overview.pending, '/console/media', '检测结果返回前不会公开')}
        <div class="tile" id="oldest-age">
          <span class="tile__value">${formatAge(overview.oldestWaitingSeconds)}</span><span class="tile__label">最久一项已等待</span>
          ${overview.oldestWaitingAt ? html`<span class="tile__hint">自 ${formatTime(overview.oldestWaitingAt)}</span>` : ''}
        </div>
      </section>
      <section class="card">
        <h2>各队列</h2>
        <table class="table" id="queue-sizes">
          <thead>
            <tr>
              <th>队列</th>
              <th>待人工审核</th>
              <th>等待微信检测</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td><a href="/console/posts">帖子</a></td>
              <td>${q.heldPosts.count}</td>
              <td>${q.checkingPosts.count}</td>
            </tr>
            <tr>
              <td><a href="/console/comments">评论</a></td>
              <td>${q.heldComments.count}</td>
              <td>${q.checkingComments.count}</td>
            </tr>
            <tr>
              <td><a href="/console/media">图片</a></td>
              <td>${q.heldMedia.count}</td>
              <td>${q.pendingMedia.count}</td>
            </tr>
            <tr>
              <td><a href="/console/reports">举报</a></td>
              <td>${q.openReports.count}</td>
              <td>—</td>
            </tr>
            <tr>
              <td>昵称</td>
              <td>${q.heldNicknames.count}</td>
              <td>—</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section class="card" id="check-failures">
        <h2>微信内容检测近期失败</h2>
        ${
          overview.recentCheckFailures.length === 0
            ? html`<p class="empty">近期没有失败，检测正常。</p>`
            : html`<table class="table">
                <thead>
                  <tr>
                    <th>任务</th>
                    <th>已尝试</th>
                    <th>下次重试</th>
                    <th>错误</th>
                  </tr>
                </thead>
                <tbody>
                  ${overview.recentCheckFailures.map(
                    (f) =>
                      html`<tr>
                        <td>${JOB_LABELS[f.kind] ?? f.kind}</td>
                        <td>${f.attempts} 次</td>
                        <td>${formatTime(f.nextAttemptAt)}</td>
                        <td class="mono">${f.error}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
        }
      </section>
      <section class="card" id="job-backlog">
        <h2>后台任务积压</h2>
        ${
          overview.jobBacklog.length === 0
            ? html`<p class="empty">没有积压的任务。</p>`
            : html`<ul class="list">
                ${overview.jobBacklog.map((j) => html`<li>${JOB_LABELS[j.kind] ?? j.kind}：${j.count} 个</li>`)}
              </ul>`
        }
      </section>`,
  );
}
