/**
 * @jest-environment node
 */
import { autorun, configure } from 'mobx-miniprogram';
import { SessionStore } from '../../../miniprogram/stores/session.store';
import { me } from './fixtures';

configure({ enforceActions: 'observed' });

const tokens = { accessToken: 'a', refreshToken: 'r', accessTokenExpiresAt: 1_000 };

describe('SessionStore', () => {
  it('starts as an anonymous guest who cannot post', () => {
    const store = new SessionStore();
    expect(store).toMatchObject({
      isLoggedIn: false,
      role: 'guest',
      isModerator: false,
      canPost: false,
      needsProfile: true,
      writeAccess: 'needs_profile',
    });
  });

  it('derives role, moderator and posting rights from the user', () => {
    const store = new SessionStore();
    store.setSession(tokens, me({ role: 'moderator' }));
    expect(store).toMatchObject({
      isLoggedIn: true,
      role: 'moderator',
      isModerator: true,
      canPost: true,
      needsProfile: false,
      displayName: '小林',
      writeAccess: 'ok',
    });
  });

  it('a guest without a nickname needs a profile; one with a nickname under review does not', () => {
    const store = new SessionStore();
    store.setSession(tokens, me({ role: 'guest', nickname: null, canPost: false }));
    expect(store.needsProfile).toBe(true);
    store.updateUser(me({ role: 'guest', nickname: null, canPost: false, pendingNickname: '新名字', pendingNicknameStatus: 'held' }));
    expect(store).toMatchObject({ needsProfile: false, nicknamePending: true, canPost: false, writeAccess: 'nickname_pending' });
  });

  it('a banned member cannot post and is not sent to the profile form', () => {
    const store = new SessionStore();
    store.setSession(tokens, me({ banned: true, canPost: false }));
    expect(store).toMatchObject({ canPost: false, needsProfile: false, isBanned: true, writeAccess: 'banned' });
  });

  it('clear() signs out, and observers see each change', () => {
    const store = new SessionStore();
    const seen: boolean[] = [];
    const dispose = autorun(() => seen.push(store.isLoggedIn));
    store.setSession(tokens, me());
    store.clear();
    dispose();
    expect(seen).toEqual([false, true, false]);
    expect(store.tokens).toBeNull();
  });
});
