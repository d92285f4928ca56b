/**
 * Who is using the app: our own tokens and the signed-in user (Me), with what the UI derives from
 * them (logged in, role, may post, must set a profile first). State only: the auth service reads
 * and writes storage and calls these actions; pages bind to the fields and getters.
 */
import { makeAutoObservable } from 'mobx-miniprogram';
import type { Me, Role } from '../../typings/api';

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops being accepted. */
  accessTokenExpiresAt: number;
}

export type WriteAccess = 'ok' | 'needs_profile' | 'banned' | 'nickname_pending';

export class SessionStore {
  tokens: SessionTokens | null = null;
  user: Me | null = null;

  constructor() {
    makeAutoObservable(this, {}, { autoBind: true });
  }

  get isLoggedIn(): boolean {
    return this.tokens !== null && this.user !== null;
  }

  /** Without a session the reader is a guest like any other. */
  get role(): Role {
    return this.user?.role ?? 'guest';
  }

  get isModerator(): boolean {
    return this.user?.role === 'moderator';
  }

  get isBanned(): boolean {
    return this.user?.banned ?? false;
  }

  /** The server's own rule (nickname set, not banned), as it last told us. */
  get canPost(): boolean {
    return this.user?.canPost ?? false;
  }

  /** A nickname request is being checked or waits for a moderator: show 审核中, do not ask again. */
  get nicknamePending(): boolean {
    return this.user?.pendingNicknameStatus != null;
  }

  /** Posting must first open the profile form (avatar + nickname): no nickname, none pending, not banned. */
  get needsProfile(): boolean {
    const user = this.user;
    if (user === null) return true;
    return !user.canPost && !user.banned && user.nickname === null && user.pendingNicknameStatus === null;
  }

  /**
   * What stands between this reader and writing a post or comment: nothing, the profile form
   * (no nickname yet), a ban, or a nickname still under review.
   */
  get writeAccess(): WriteAccess {
    if (this.canPost) return 'ok';
    if (this.isBanned) return 'banned';
    if (this.nicknamePending) return 'nickname_pending';
    return 'needs_profile';
  }

  get displayName(): string {
    return this.user?.nickname ?? '';
  }

  setSession(tokens: SessionTokens, user: Me): void {
    this.tokens = tokens;
    this.user = user;
  }

  updateUser(user: Me): void {
    this.user = user;
  }

  clear(): void {
    this.tokens = null;
    this.user = null;
  }
}
