/** The audit log, newest first, narrowed by decision, kind of target, target and moderator. */
import type { ModerationLogEntry } from '@wx-community-starter/contract';
import { MODERATION_ACTION_LABELS } from '@wx-community-starter/contract';
import type { ActionFilter } from '../../moderation/moderation.service';
import { formatTime } from './format';
import { emptyState, userLink } from './decisions';
import { html } from './html';
import { layout, type PageContext } from './layout';

const TARGET_LABELS: Record<string, string> = { post: '帖子', comment: '评论', media: '图片', user: '用户', report: '举报' };

function targetLink(entry: ModerationLogEntry) {
  const label = `${TARGET_LABELS[entry.targetType] ?? entry.targetType} #${entry.targetId}`;
  if (entry.targetType === 'user') return html`<a href="/console/users/${entry.targetId}">${label}</a>`;
  if (entry.targetType === 'media') return html`<a href="/console/media/${entry.targetId}" target="_blank" rel="noopener">${label}</a>`;
  return html`${label}`;
}

export function auditPage(page: { items: ModerationLogEntry[]; nextCursor: string | null }, filter: ActionFilter, context: PageContext) {
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => [k, String(v)]),
  );
  const next = page.nextCursor ? `/console/audit?${new URLSearchParams([...query, ['cursor', page.nextCursor]])}` : null;
  const option = (value: string, label: string, current?: string) =>
    html`<option value="${value}" ${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  return layout(
    '审核日志',
    { ...context, section: 'audit' },
    html`<form method="get" action="/console/audit" class="filters card" id="audit-filters">
        <label class="field"
          ><span>操作</span
          ><select name="action">
            ${option('', '全部')}${Object.entries(MODERATION_ACTION_LABELS).map(([k, v]) => option(k, v, filter.action))}
          </select></label
        >
        <label class="field"
          ><span>对象</span
          ><select name="targetType">
            ${option('', '全部')}${Object.entries(TARGET_LABELS).map(([k, v]) => option(k, v, filter.targetType))}
          </select></label
        >
        <label class="field"><span>对象编号</span><input name="targetId" value="${filter.targetId ?? ''}" maxlength="64" /></label>
        <label class="field"
          ><span>管理员编号</span><input name="moderatorId" value="${filter.moderatorId ?? ''}" inputmode="numeric" maxlength="12"
        /></label>
        <button type="submit" class="button button--primary">筛选</button>
        <a class="button button--quiet" href="/console/audit">清除</a>
      </form>
      ${
        page.items.length === 0
          ? emptyState('没有符合条件的记录。')
          : html`<table class="table" id="audit-log">
              <thead>
                <tr>
                  <th>时间</th>
                  <th>管理员</th>
                  <th>操作</th>
                  <th>对象</th>
                  <th>理由</th>
                </tr>
              </thead>
              <tbody>
                ${page.items.map(
                  (e) =>
                    html`<tr data-action="${e.action}" data-target="${e.targetType}:${e.targetId}">
                      <td>${formatTime(e.createdAt)}</td>
                      <td>${userLink(e.moderator)}</td>
                      <td>${MODERATION_ACTION_LABELS[e.action]}</td>
                      <td>${targetLink(e)}</td>
                      <td>${e.reason ?? '—'}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
      ${next ? html`<p class="pager"><a href="${next}" rel="next">更早的记录</a></p>` : ''}`,
  );
}
