/** The login form: a console account's name and password (never the reviewer test account). */
import { html } from './html';
import { csrfField, layout, type PageContext } from './layout';

export function loginPage(context: PageContext, problem?: string) {
  return layout(
    '登录',
    context,
    html`<form method="post" action="/console/login" class="card login" id="login-form">
      ${problem ? html`<p class="notice notice--error" role="alert">${problem}</p>` : ''} ${csrfField(context)}
      <label class="field"><span>管理员账号</span><input name="name" autocomplete="username" required maxlength="32" /></label>
      <label class="field"
        ><span>密码</span><input name="password" type="password" autocomplete="current-password" required maxlength="200"
      /></label>
      <button type="submit" class="button button--primary">登录</button>
      <p class="hint">账号由运维通过 <code>npm run console -- add-moderator 名称</code> 创建。</p>
    </form>`,
  );
}
