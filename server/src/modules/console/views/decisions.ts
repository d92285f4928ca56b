/**
 * The pieces every queue item shares: a decision form (a plain POST that works without script;
 * console.js sends it with fetch and moves on), the reason field with its presets, the author link
 * and the pager. `data-key` names the key that triggers a form in keyboard triage.
 */
import type { ModerationUser } from '@wx-community-starter/contract';
import { MODERATION_REASON_PRESETS } from '@wx-community-starter/contract';
import { html, type Html } from './html';
import { csrfField, type PageContext } from './layout';

type PresetKind = keyof typeof MODERATION_REASON_PRESETS;

export function reasonPresets(): Html {
  return html`${(Object.keys(MODERATION_REASON_PRESETS) as PresetKind[]).map(
    (kind) =>
      html`<datalist id="reasons-${kind}">${MODERATION_REASON_PRESETS[kind].map((r) => html`<option value="${r}"></option>`)}</datalist>`,
  )}`;
}

export function decisionForm(
  context: PageContext,
  options: {
    action: string;
    label: string;
    back: string;
    key?: string;
    tone?: 'primary' | 'danger' | 'quiet';
    reason?: PresetKind;
    fields?: Record<string, string>;
  },
): Html {
  const reason = options.reason
    ? html`<input
        class="reason"
        name="reason"
        list="reasons-${options.reason}"
        value="${MODERATION_REASON_PRESETS[options.reason][0]}"
        maxlength="100"
        required
        aria-label="理由（作者可见）"
      />`
    : '';
  return html`<form method="post" action="${options.action}" class="decision" ${options.key ? html` data-key="${options.key}"` : ''}>
    ${csrfField(context)}<input type="hidden" name="back" value="${options.back}" />
    ${Object.entries(options.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    ${reason}<button type="submit" class="button button--${options.tone ?? 'quiet'}">
      ${options.label}${options.key ? html`<kbd>${options.key}</kbd>` : ''}
    </button>
  </form>`;
}

export function userLink(user: ModerationUser): Html {
  return html`<a class="user" href="/console/users/${user.id}">${user.nickname ?? `用户 ${user.id}`}</a>`;
}

export function pager(path: string, nextCursor: string | null): Html {
  return nextCursor ? html`<p class="pager"><a href="${path}?cursor=${encodeURIComponent(nextCursor)}" rel="next">下一页</a></p>` : html``;
}

export function emptyState(text: string): Html {
  return html`<p class="empty" id="queue-empty">${text}</p>`;
}

export const TRIAGE_HINT = html`<p class="hint" id="triage-hint">
  键盘：<kbd>j</kbd>/<kbd>k</kbd> 下一条/上一条，<kbd>a</kbd> 通过，<kbd>r</kbd> 按所填理由拒绝，<kbd>e</kbd> 编辑理由，<kbd>n</kbd>
  载入下一批
</p>`;
