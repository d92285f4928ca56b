/** The app's store singletons: import these, never construct stores in pages. */
import { ForumStore } from './forum.store';
import { PrivacyStore } from './privacy.store';
import { SessionStore } from './session.store';

export const sessionStore = new SessionStore();
export const forumStore = new ForumStore();
export const privacyStore = new PrivacyStore();

export { ForumStore, PrivacyStore, SessionStore };
export type { SessionTokens } from './session.store';
export type { LoadMode, PagedList } from './paged-list';
