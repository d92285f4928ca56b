/**
 * 我的 (tab page): who I am (or a friendly guest state), my posts with their review state, and
 * settings. Opening it never asks anyone to log in: the test-account entry is a small link at
 * the bottom for reviewers and account holders.
 */
import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { toJS } from 'mobx-miniprogram';
import { fetchMe, logout, silentLogin } from '../../services/auth.service';
import { loadMyPosts } from '../../services/forum.service';
import { openContract } from '../../services/privacy.service';
import { deleteAccount } from '../../services/profile.service';
import { userMessageOf } from '../../services/transport';
import { forumStore, sessionStore } from '../../stores/index';
import { PRIVACY_GUIDELINE_NAME } from '../../utils/copy';
import { absoluteUrl } from '../../utils/urls';
import { openAgreement, openLogin, openModeration, openPost, openProfile } from '../../routes';

ComponentWithStore({
  options: { styleIsolation: 'apply-shared' },
  storeBindings: {
    store: sessionStore,
    fields: {
      loggedIn: () => sessionStore.isLoggedIn,
      hasProfile: () => sessionStore.user?.nickname != null,
      nickname: () => sessionStore.displayName,
      avatarUrl: () => absoluteUrl(sessionStore.user?.avatarUrl ?? null) ?? '',
      avatarPending: () => sessionStore.user?.avatarPending ?? false,
      pendingNickname: () => sessionStore.user?.pendingNickname ?? '',
      nicknamePending: () => sessionStore.nicknamePending,
      isModerator: () => sessionStore.isModerator,
      isTestAccount: () => sessionStore.user?.isTestAccount ?? false,
      banned: () => sessionStore.isBanned,
      // toJS reads every field, so a post whose review state changed in place is re-sent too.
      myPosts: () => toJS(forumStore.myPosts.items),
      myPostsLoaded: () => forumStore.myPosts.loaded,
      myPostsError: () => forumStore.myPosts.error ?? '',
      myPostsHasMore: () => forumStore.myPostsHasMore,
      myPostsLoading: () => forumStore.myPosts.loading,
    },
    actions: [],
  },
  data: {
    loggedIn: false,
    hasProfile: false,
    nickname: '',
    avatarUrl: '',
    avatarPending: false,
    pendingNickname: '',
    nicknamePending: false,
    isModerator: false,
    isTestAccount: false,
    banned: false,
    myPosts: [] as unknown[],
    myPostsLoaded: false,
    myPostsError: '',
    myPostsHasMore: false,
    myPostsLoading: false,
    busy: false,
  },
  methods: {
    onShow() {
      this.refresh();
    },
    onPullDownRefresh() {
      this.refresh().finally(() => wx.stopPullDownRefresh());
    },
    /** Only a signed-in reader has anything personal to load; a guest sees the guest state. */
    async refresh(): Promise<void> {
      if (!sessionStore.isLoggedIn) return;
      await fetchMe().catch(() => undefined);
      await loadMyPosts(forumStore.myPosts.loaded ? 'refresh' : 'first');
    },
    onReachBottom() {
      this.onMoreMyPosts();
    },
    onMoreMyPosts() {
      if (sessionStore.isLoggedIn) void loadMyPosts('more');
    },
    onEditProfile() {
      openProfile();
    },
    onOpenPost(event: WechatMiniprogram.CustomEvent<{ id: number }>) {
      openPost(event.detail.id);
    },
    onAgreement() {
      openAgreement();
    },
    onPrivacy() {
      openContract().catch(() => wx.showToast({ title: `暂时无法打开${PRIVACY_GUIDELINE_NAME}`, icon: 'none' }));
    },
    onPasswordLogin() {
      openLogin();
    },
    onModeration() {
      openModeration();
    },
    async onLogout() {
      await logout();
      wx.showToast({ title: '已退出登录', icon: 'none' });
      // Back to this WeChat user's own session, as at any open; without it they stay a guest.
      await silentLogin().catch(() => undefined);
      await this.refresh();
    },
    async onDeleteAccount() {
      if (this.data.busy) return;
      const answer = await wx.showModal({
        title: '注销账号',
        content: '注销后，你的昵称、头像和发布的内容将被删除且无法恢复。确定注销吗？',
        confirmText: '确定注销',
        confirmColor: '#e64340',
      });
      if (!answer.confirm) return;
      this.setData({ busy: true });
      try {
        await deleteAccount();
        wx.showToast({ title: '账号已注销', icon: 'none' });
      } catch (error) {
        wx.showToast({ title: userMessageOf(error), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
