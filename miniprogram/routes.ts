/**
 * Every page's path, defined once (app.json lists the same pages; a test keeps the two in step),
 * and the ways pages move between them. Pages never write a page path themselves: they call these.
 * Each path is its own string constant so tools reading the source (the review kit's forced-login
 * rule) can still tell where a navigation leads.
 */
export const FORUM_PAGE = '/pages/forum/index';
export const POST_PAGE = '/pages/post/index';
export const COMPOSE_PAGE = '/pages/compose/index';
export const ME_PAGE = '/pages/me/index';
export const PROFILE_PAGE = '/pages/profile/index';
export const LOGIN_PAGE = '/pages/login/index';
export const MODERATION_PAGE = '/pages/moderation/index';
export const AGREEMENT_PAGE = '/pages/agreement/index';

/** The tab pages (app.json tabBar): reached with switchTab, never navigateTo. */
export type TabPage = typeof FORUM_PAGE | typeof ME_PAGE;

export function postUrl(postId: number): string {
  return `${POST_PAGE}?id=${postId}`;
}

export function openPost(postId: number): void {
  void wx.navigateTo({ url: postUrl(postId) });
}

export function openCompose(): void {
  void wx.navigateTo({ url: COMPOSE_PAGE });
}

/** 设置头像昵称: where writing starts for a reader without a nickname. */
export function openProfile(): void {
  void wx.navigateTo({ url: PROFILE_PAGE });
}

/** The test-account login: only ever from a tap on 我的, never from a page's load. */
export function openLogin(): void {
  void wx.navigateTo({ url: LOGIN_PAGE });
}

export function openModeration(): void {
  void wx.navigateTo({ url: MODERATION_PAGE });
}

export function openAgreement(): void {
  void wx.navigateTo({ url: AGREEMENT_PAGE });
}

/**
 * Leaves the current page: back when there is a page underneath, otherwise to a tab page (the
 * page was opened directly, from a share or a scan, and has nothing to go back to).
 */
export function leavePage(fallback: TabPage): void {
  if (getCurrentPages().length > 1) void wx.navigateBack({ delta: 1 });
  else void wx.switchTab({ url: fallback });
}
