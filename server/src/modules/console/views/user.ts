/** One user as a moderator sees them: ban with a reason, or lift a ban. */
import { formatTime } from './format';
import { decisionForm, reasonPresets } from './decisions';
import { html } from './html';
import { layout, type PageContext } from './layout';

export interface UserSummary {
  id: number;
  nickname: string | null;
  role: string;
  bannedAt: string | null;
  createdAt: string;
}

export function userPage(user: UserSummary, context: PageContext) {
  const back = `/console/users/${user.id}`;
  const name = user.nickname ?? `用户 ${user.id}`;
  return layout(
    name,
    { ...context, section: 'users' },
    html`${reasonPresets()}
      <section class="card" id="user-card" data-user-id="${user.id}">
        <p>用户 #${user.id} · 注册于 ${formatTime(user.createdAt)} · ${user.role === 'moderator' ? '管理员' : '普通用户'}</p>
        <p class="badge ${user.bannedAt ? 'badge--rejected' : 'badge--published'}" id="user-status">
          ${user.bannedAt ? `已禁言（${formatTime(user.bannedAt)}）` : '正常'}
        </p>
        <div class="item__actions">
          ${
            user.bannedAt
              ? decisionForm(context, { action: `/console/users/${user.id}/unban`, label: '解除禁言', tone: 'primary', back })
              : user.role === 'moderator'
                ? html`<p class="hint">管理员不能被禁言。</p>`
                : decisionForm(context, { action: `/console/users/${user.id}/ban`, label: '禁言', tone: 'danger', reason: 'ban', back })
          }
          <a class="button button--quiet" href="/console/audit?targetType=user&amp;targetId=${user.id}">查看相关日志</a>
        </div>
      </section>`,
  );
}
