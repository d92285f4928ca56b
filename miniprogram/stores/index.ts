/**
 * The app's store singletons: import these, never construct stores in pages. Pages and components
 * reach them one way, mobx-miniprogram-bindings' TypeScript interface:
 * `ComponentWithStore({ storeBindings: { store, fields, actions } })`; where a page must keep data
 * in step by path (a growing list, state keyed by the page's query) it adds utils/path-bindings.ts.
 */
import { ForumStore } from './forum.store';
import { PrivacyStore } from './privacy.store';
import { SessionStore } from './session.store';

export const sessionStore = new SessionStore();
export const forumStore = new ForumStore();
export const privacyStore = new PrivacyStore();

export { ForumStore, PrivacyStore, SessionStore };
export type { SessionTokens } from './session.store';
export type { LoadMode, PagedList } from './paged-list';
