/**
 * 账号密码登录: username + password, for the reviewer test account named on the submission form
 * (and other account holders). Only reachable from 我的, small and neutral; nothing in the app ever
 * requires it. Cancel goes back.
 */
import { loginWithPassword } from '../../services/auth.service';
import { ME_PAGE, leavePage } from '../../routes';
import { userMessageOf } from '../../services/transport';

Component({
  data: { username: '', password: '', submitting: false, errorMessage: '' },
  methods: {
    onUsernameInput(event: WechatMiniprogram.Input) {
      this.setData({ username: event.detail.value, errorMessage: '' });
    },
    onPasswordInput(event: WechatMiniprogram.Input) {
      this.setData({ password: event.detail.value, errorMessage: '' });
    },
    async onSubmit() {
      if (this.data.submitting) return;
      const username = this.data.username.trim();
      const password = this.data.password;
      if (username === '' || password === '') {
        this.setData({ errorMessage: '请输入账号和密码' });
        return;
      }
      this.setData({ submitting: true, errorMessage: '' });
      try {
        await loginWithPassword(username, password);
        wx.showToast({ title: '登录成功', icon: 'success' });
        leavePage(ME_PAGE);
      } catch (error) {
        const message = userMessageOf(error, '登录失败，请稍后重试');
        this.setData({ errorMessage: message, password: '' });
      } finally {
        this.setData({ submitting: false });
      }
    },
    onCancel() {
      leavePage(ME_PAGE);
    },
  },
});
