/**
 * Table types for Kysely. Written once for SQLite and PostgreSQL, so the column types are the
 * common ground of both: timestamps are ISO-8601 UTC strings (they sort as text), flags are 0/1.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type Role = 'guest' | 'member' | 'moderator';
/**
 * Life of a piece of user content:
 * checking  WeChat's check could not answer yet; the recheck job retries (fail closed)
 * held      WeChat said `review`; waits for a moderator, visible to its author only
 * published visible to everyone
 * rejected  refused after it was stored (late `risky` or a moderator); visible to its author with the reason
 */
export type ContentStatus = 'checking' | 'held' | 'published' | 'rejected';

export interface UsersTable {
  id: Generated<number>;
  openid: string | null;
  username: string | null;
  password_hash: string | null;
  role: Role;
  nickname: string | null;
  /** A nickname the user asked for that is not public yet (checking or held). */
  pending_nickname: string | null;
  pending_nickname_status: 'checking' | 'held' | null;
  /** Approved avatar; a new one waits in pending_avatar_media_id until WeChat passes it. */
  avatar_media_id: string | null;
  pending_avatar_media_id: string | null;
  banned_at: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A login session: the family of rotating refresh tokens issued from one login. */
export interface SessionsTable {
  id: string;
  user_id: number;
  /** openid of the WeChat user on this device, needed by msgSecCheck; never sent to clients. */
  wechat_openid: string | null;
  created_at: string;
  revoked_at: string | null;
  revoked_reason: string | null;
}

export interface RefreshTokensTable {
  id: Generated<number>;
  session_id: string;
  token_hash: string;
  expires_at: string;
  used_at: string | null;
  created_at: string;
}

export interface BoardsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string;
  sort_order: number;
  /** 1: only moderators (staff) may post here, e.g. 公告. */
  staff_only: Generated<number>;
}

export type TextVerdict = 'pass' | 'review' | 'pending';

export interface PostsTable {
  id: Generated<number>;
  board_id: number;
  author_id: number;
  title: string;
  body: string;
  /** The body as lists show it (lib/excerpt.ts), written with the body. */
  excerpt: Generated<string>;
  status: ContentStatus;
  reject_reason: string | null;
  pinned: number;
  comment_count: Generated<number>;
  /** msgSecCheck's answer for title+body; status also waits for the post's images. */
  text_verdict: Generated<TextVerdict>;
  seed_key: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  post_id: number;
  author_id: number;
  body: string;
  status: ContentStatus;
  reject_reason: string | null;
  created_at: string;
}

export type ReportTarget = 'post' | 'comment';

export interface ReportsTable {
  id: Generated<number>;
  reporter_id: number;
  target_type: ReportTarget;
  target_id: number;
  reason: string;
  detail: string | null;
  status: 'open' | 'resolved';
  created_at: string;
}

/** Background work that must survive restarts and be claimed by one instance at a time. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  attempts: number;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  /** Set on jobs that must exist once (the recurring media-check sweep); unique (0006). */
  unique_key: Generated<string | null>;
  created_at: string;
}

/** pending: waiting for WeChat; held: WeChat said review, a moderator decides. */
export type MediaStatus = 'pending' | 'held' | 'approved' | 'rejected';
export type MediaPurpose = 'post_image' | 'avatar';

export interface MediaTable {
  id: string;
  owner_id: number;
  purpose: MediaPurpose;
  status: MediaStatus;
  mime_type: string;
  byte_size: number;
  width: number;
  height: number;
  storage_key: string;
  /** Secret path segment of the expiring URL WeChat downloads the image from. */
  fetch_token: string;
  fetch_expires_at: string;
  /** mediaCheckAsync's trace_id: the push callback names only this. */
  trace_id: string | null;
  /** When the current trace_id was obtained, and how many times the image was submitted (0006): the sweep's clock. */
  check_submitted_at: Generated<string | null>;
  check_submissions: Generated<number>;
  check_openid: string | null;
  reject_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostMediaTable {
  post_id: number;
  media_id: string;
  position: number;
}

export interface ModerationActionsTable {
  id: Generated<number>;
  moderator_id: number;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  created_at: string;
}

/** A moderator's web-console login (modules/console); never the reviewer test account. */
export interface ConsoleAccountsTable {
  name: string;
  user_id: number;
  password_hash: string;
  created_at: string;
  password_changed_at: string;
}

/** A console login, stored by the SHA-256 of its cookie value. */
export interface ConsoleSessionsTable {
  id_hash: string;
  account_name: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AppMetaTable {
  key: string;
  value: string;
}

/** A single row (id 1) whose value database triggers move on every change a public page may show. */
export interface ContentVersionTable {
  id: number;
  value: number | string | bigint;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  refresh_tokens: RefreshTokensTable;
  boards: BoardsTable;
  posts: PostsTable;
  comments: CommentsTable;
  reports: ReportsTable;
  jobs: JobsTable;
  app_meta: AppMetaTable;
  media: MediaTable;
  post_media: PostMediaTable;
  moderation_actions: ModerationActionsTable;
  content_version: ContentVersionTable;
  console_accounts: ConsoleAccountsTable;
  console_sessions: ConsoleSessionsTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type PostRow = Selectable<PostsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type JobRow = Selectable<JobsTable>;
export type MediaRow = Selectable<MediaTable>;
