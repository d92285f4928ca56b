/** The frame of every console page: one stylesheet, one deferred script, no inline code (the CSP forbids it). */
import { html, type Html } from './html';

export interface PageContext {
  csrfToken: string;
  /** The signed-in console account; undefined on the login page. */
  accountName?: string;
  /** Which navigation entry is current. */
  section?: 'dashboard' | 'posts' | 'comments' | 'media' | 'reports' | 'nicknames' | 'audit' | 'users';
}

const NAV: [NonNullable<PageContext['section']>, string, string][] = [
  ['dashboard', '/console', '概览'],
  ['posts', '/console/posts', '待审帖子'],
  ['comments', '/console/comments', '待审评论'],
  ['media', '/console/media', '待审图片'],
  ['reports', '/console/reports', '举报'],
  ['nicknames', '/console/nicknames', '待审昵称'],
  ['audit', '/console/audit', '审核日志'],
];

export function csrfField(context: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${context.csrfToken}" />`;
}

export function layout(title: string, context: PageContext, body: Html): Html {
  const nav = context.accountName
    ? html`<nav class="nav" aria-label="主导航">
          ${NAV.map(
            ([key, href, label]) => html`<a href="${href}" class="nav__link${key === context.section ? ' is-active' : ''}">${label}</a>`,
          )}
        </nav>
        <form method="post" action="/console/logout" class="bar__logout">
          ${csrfField(context)}<span class="bar__who">${context.accountName}</span>
          <button type="submit" class="button button--quiet">退出登录</button>
        </form>`
    : '';
  return html`<!doctype html>
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="csrf-token" content="${context.csrfToken}" />
        <title>${title} · 社区管理后台</title>
        <link rel="stylesheet" href="/console/assets/console.css" />
        <script src="/console/assets/console.js" defer></script>
      </head>
      <body>
        <header class="bar"><a class="bar__brand" href="/console">社区管理后台</a>${nav}</header>
        <main class="main">
          <h1 class="main__title">${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

export function errorPage(message: string, context: PageContext): Html {
  return layout(
    '出错了',
    context,
    html`<p class="notice notice--error" role="alert">${message}</p>
      <p><a href="/console">返回概览</a></p>`,
  );
}
