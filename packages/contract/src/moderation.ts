/**
 * The moderation API (moderators only): queues of content waiting for a human, the decisions on
 * it, bans, and the audit log of every decision. Names carry a Moderation prefix so they never
 * collide with the public contract they sit next to.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ContentStatus, Id } from './common';
import { MediaPurpose, MediaStatus } from './media';

const time = Type.String({ format: 'date-time' });

/** Moderators see the real nickname, or null when the user has none approved yet. */
export const ModerationUser = Type.Object({
  id: Type.Integer(),
  nickname: Type.Union([Type.String(), Type.Null()]),
});
export type ModerationUser = Static<typeof ModerationUser>;

export const ModerationPost = Type.Object({
  id: Type.Integer(),
  boardId: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  author: ModerationUser,
  status: Type.Union([Type.Literal('held'), Type.Literal('checking')]),
  awaitingAutomaticCheck: Type.Boolean({ description: 'true while WeChat has not answered for the text or an image (status checking)' }),
  images: Type.Array(Type.Object({ id: Type.String(), status: MediaStatus })),
  createdAt: time,
});
export type ModerationPost = Static<typeof ModerationPost>;

export const ModerationComment = Type.Object({
  id: Type.Integer(),
  postId: Type.Integer(),
  postTitle: Type.String(),
  body: Type.String(),
  author: ModerationUser,
  createdAt: time,
});
export type ModerationComment = Static<typeof ModerationComment>;

export const ModerationMedia = Type.Object({
  id: Type.String(),
  owner: ModerationUser,
  purpose: MediaPurpose,
  status: Type.Union([Type.Literal('held'), Type.Literal('pending')]),
  awaitingWeChat: Type.Boolean({ description: 'true while WeChat has not answered (status pending)' }),
  mimeType: Type.String(),
  byteSize: Type.Integer(),
  width: Type.Integer(),
  height: Type.Integer(),
  postId: Type.Union([Type.Integer(), Type.Null()], { description: 'The post the image belongs to, if any' }),
  contentUrl: Type.String({ description: 'GET it with the moderator token to view the image' }),
  createdAt: time,
});
export type ModerationMedia = Static<typeof ModerationMedia>;

export const ModerationReport = Type.Object({
  id: Type.Integer(),
  reporter: ModerationUser,
  reason: Type.String(),
  detail: Type.Union([Type.String(), Type.Null()]),
  targetType: Type.Union([Type.Literal('post'), Type.Literal('comment')]),
  targetId: Type.Integer(),
  target: Type.Union([
    Type.Object({ excerpt: Type.String(), status: ContentStatus, author: ModerationUser }),
    Type.Null({ description: 'The content was deleted' }),
  ]),
  createdAt: time,
});
export type ModerationReport = Static<typeof ModerationReport>;

export const ModerationNickname = Type.Object({
  userId: Type.Integer(),
  nickname: Type.Union([Type.String(), Type.Null()], { description: 'The current public nickname' }),
  pendingNickname: Type.String(),
  requestedAt: Type.String({ format: 'date-time', description: 'When the account last changed, normally the nickname request' }),
});
export type ModerationNickname = Static<typeof ModerationNickname>;

/** A banned account, newest ban first; the reason is the one given with the ban, if any. */
export const ModerationBan = Type.Object({
  user: ModerationUser,
  bannedAt: time,
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type ModerationBan = Static<typeof ModerationBan>;

export const ModerationActionKind = Type.Union([
  Type.Literal('approve_post'),
  Type.Literal('reject_post'),
  Type.Literal('approve_comment'),
  Type.Literal('reject_comment'),
  Type.Literal('approve_media'),
  Type.Literal('reject_media'),
  Type.Literal('approve_nickname'),
  Type.Literal('reject_nickname'),
  Type.Literal('resolve_report'),
  Type.Literal('ban_user'),
  Type.Literal('unban_user'),
]);
export type ModerationActionKind = Static<typeof ModerationActionKind>;

export const ModerationTargetType = Type.Union([
  Type.Literal('post'),
  Type.Literal('comment'),
  Type.Literal('media'),
  Type.Literal('user'),
  Type.Literal('report'),
]);
export type ModerationTargetType = Static<typeof ModerationTargetType>;

export const ModerationLogEntry = Type.Object({
  id: Type.Integer(),
  moderator: ModerationUser,
  action: ModerationActionKind,
  targetType: ModerationTargetType,
  targetId: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  createdAt: time,
});
export type ModerationLogEntry = Static<typeof ModerationLogEntry>;

/** What a decision did. Repeating one that already took effect answers changed: false and logs nothing. */
export const ModerationResult = Type.Object({
  changed: Type.Boolean(),
  status: Type.String({
    description: "The target's status afterwards, e.g. published, checking, rejected, approved, resolved, banned, active",
  }),
});
export type ModerationResult = Static<typeof ModerationResult>;

export const ModerationReasonBody = Type.Object({
  reason: Type.Optional(
    Type.String({ minLength: 1, maxLength: 100, description: 'Shown to the author (Chinese, short); a default is used when absent' }),
  ),
});
export type ModerationReasonBody = Static<typeof ModerationReasonBody>;

export const ResolveReportBody = Type.Object({
  action: Type.Optional(Type.Union([Type.Literal('none'), Type.Literal('remove_content')], { default: 'none' })),
  reason: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Shown to the author when the content is removed' })),
});
export type ResolveReportBody = Static<typeof ResolveReportBody>;

export const ModerationUserParams = Type.Object({ userId: Id() });

/** How much waits, per queue, and for how long: GET /moderation/summary. */
export const ModerationSummary = Type.Object({
  queues: Type.Object(
    {
      posts: Type.Integer({ minimum: 0 }),
      comments: Type.Integer({ minimum: 0 }),
      media: Type.Integer({ minimum: 0 }),
      reports: Type.Integer({ minimum: 0 }),
      nicknames: Type.Integer({ minimum: 0 }),
    },
    { description: 'Items in each queue, as its GET lists them (posts: held and checking; media: held and pending)' },
  ),
  awaitingWeChat: Type.Object(
    {
      posts: Type.Integer({ minimum: 0 }),
      comments: Type.Integer({ minimum: 0 }),
      media: Type.Integer({ minimum: 0 }),
      nicknames: Type.Integer({ minimum: 0 }),
    },
    { description: 'Content WeChat has not judged yet (posts, comments, nicknames checking; images pending)' },
  ),
  oldestPendingAgeSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
    description:
      'Age of the oldest content still waiting for WeChat; null when nothing waits. Images past the sweep threshold are re-submitted, then held',
  }),
  oldestPendingAt: Type.Union([time, Type.Null()]),
});
export type ModerationSummary = Static<typeof ModerationSummary>;
