/**
 * 设置头像昵称: WeChat's own avatar chooser and nickname input inside a form. Both are privacy
 * APIs, so agreement is asked first (the nickname input cannot raise the popup itself); declining
 * keeps the page readable and explains why the form is unavailable. The avatar and the nickname
 * stay 审核中 until the server's checks pass them.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { installPrivacyListener, requireAuthorization } from '../../services/privacy.service';
import { updateNickname, uploadAvatar } from '../../services/profile.service';
import { userMessageOf } from '../../services/transport';
import { sessionStore } from '../../stores/index';
import { PRIVACY_GUIDELINE_NAME } from '../../utils/copy';
import { absoluteUrl } from '../../utils/urls';

const DECLINED_MESSAGE = `设置头像和昵称需要先同意${PRIVACY_GUIDELINE_NAME}。你仍可以继续浏览社区内容，需要时再回到这里设置。`;

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  storeBindings: {
    store: sessionStore,
    fields: {
      nickname: () => sessionStore.displayName,
      avatarUrl: () => absoluteUrl(sessionStore.user?.avatarUrl ?? null) ?? '',
      avatarPending: () => sessionStore.user?.avatarPending ?? false,
      pendingNickname: () => sessionStore.user?.pendingNickname ?? '',
      nicknamePending: () => sessionStore.nicknamePending,
    },
    actions: [],
  },
  data: {
    nickname: '',
    avatarUrl: '',
    avatarPending: false,
    pendingNickname: '',
    nicknamePending: false,
    /** The avatar just chosen (a temporary path), shown while it uploads and is checked. */
    chosenAvatar: '',
    uploading: false,
    draft: '',
    authorized: false,
    declined: false,
    declinedMessage: DECLINED_MESSAGE,
    submitting: false,
    errorMessage: '',
  },
  methods: {
    onLoad() {
      installPrivacyListener();
      this.askAuthorization();
    },
    askAuthorization() {
      requireAuthorization().then(
        () => this.setData({ authorized: true, declined: false }),
        () => this.setData({ authorized: false, declined: true }),
      );
    },
    onRetryAuthorization() {
      this.askAuthorization();
    },
    async onChooseAvatar(event: WechatMiniprogram.ChooseAvatarEvent) {
      const filePath = event.detail.avatarUrl;
      if (!filePath || this.data.uploading) return;
      this.setData({ chosenAvatar: filePath, uploading: true, errorMessage: '' });
      try {
        await uploadAvatar(filePath);
        wx.showToast({ title: '头像已提交审核', icon: 'none' });
      } catch (error) {
        this.setData({ chosenAvatar: '', errorMessage: userMessageOf(error) });
      } finally {
        this.setData({ uploading: false });
      }
    },
    onNicknameInput(event: WechatMiniprogram.Input) {
      this.setData({ draft: event.detail.value });
    },
    onNicknameReview(event: WechatMiniprogram.NicknameReviewEvent) {
      // WeChat cleared a nickname its own check refused.
      if (!event.detail.pass && !event.detail.timeout) this.setData({ draft: '', errorMessage: '这个昵称无法使用，请换一个' });
    },
    async onSubmit(event: WechatMiniprogram.FormSubmit) {
      if (this.data.submitting) return;
      const value: unknown = event.detail.value?.nickname;
      const nickname = (typeof value === 'string' ? value : this.data.draft).trim();
      if (nickname === '') {
        this.setData({ errorMessage: '请填写昵称' });
        return;
      }
      this.setData({ submitting: true, errorMessage: '' });
      try {
        const result = await updateNickname(nickname);
        this.setData({ draft: '' });
        wx.showToast({ title: result.nicknameStatus === 'published' ? '昵称已更新' : '昵称已提交审核', icon: 'none' });
      } catch (error) {
        this.setData({ errorMessage: userMessageOf(error) });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
