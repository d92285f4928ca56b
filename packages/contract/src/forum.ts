import { Type, type Static } from '@sinclair/typebox';
import { Author, ContentStatus, Id, NOT_BLANK } from './common';
import { Image } from './media';

export const Board = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  name: Type.String(),
  description: Type.String(),
  staffOnly: Type.Boolean({ description: 'Only staff (moderators) may post here' }),
});
export type Board = Static<typeof Board>;

const reviewMessage = Type.Optional(Type.String({ description: 'Chinese explanation for the author when the content is not published' }));

/** What every view of a post shows. */
const postFields = {
  id: Type.Integer(),
  boardId: Type.Integer(),
  title: Type.String(),
  author: Author,
  pinned: Type.Boolean(),
  commentCount: Type.Integer(),
  status: ContentStatus,
  reviewMessage,
  images: Type.Array(Image, { description: 'In order; url is null until an image is approved' }),
  createdAt: Type.String({ format: 'date-time' }),
};

export const PostSummary = Type.Object({
  ...postFields,
  images: Type.Array(Image, {
    maxItems: 3,
    description: 'The first three images (what a card shows), in order; url is null until approved',
  }),
  imageCount: Type.Integer({ description: 'How many images the post has' }),
  excerpt: Type.String(),
});
export type PostSummary = Static<typeof PostSummary>;

export const PostDetail = Type.Object({ ...postFields, body: Type.String(), isMine: Type.Boolean() });
export type PostDetail = Static<typeof PostDetail>;

export const Comment = Type.Object({
  id: Type.Integer(),
  postId: Type.Integer(),
  body: Type.String(),
  author: Author,
  status: ContentStatus,
  reviewMessage,
  isMine: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type Comment = Static<typeof Comment>;

export const PostsQuery = Type.Object({
  boardId: Type.Optional(Id()),
  pinned: Type.Optional(Type.Boolean({ description: 'true: only pinned posts' })),
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});
export type PostsQuery = Static<typeof PostsQuery>;

/** Exactly what a client may set: never status, author, pinned or approval. */
export const CreatePostBody = Type.Object({
  boardId: Id(),
  title: Type.String({ minLength: 1, maxLength: 60, pattern: NOT_BLANK }),
  body: Type.String({ minLength: 1, maxLength: 2000, pattern: NOT_BLANK }),
  mediaIds: Type.Optional(
    Type.Array(Type.String({ pattern: '^[0-9a-f-]{36}$' }), {
      maxItems: 9,
      uniqueItems: true,
      description: 'Uploaded post images (POST /media), in order',
    }),
  ),
});
export type CreatePostBody = Static<typeof CreatePostBody>;

export const CreateCommentBody = Type.Object({
  body: Type.String({ minLength: 1, maxLength: 500, pattern: NOT_BLANK }),
});
export type CreateCommentBody = Static<typeof CreateCommentBody>;

export const ReportReason = Type.Union(['spam', 'abuse', 'porn', 'illegal', 'fraud', 'privacy', 'other'].map((r) => Type.Literal(r)));

export const CreateReportBody = Type.Object({
  targetType: Type.Union([Type.Literal('post'), Type.Literal('comment')]),
  targetId: Id(),
  reason: ReportReason,
  detail: Type.Optional(Type.String({ maxLength: 200 })),
});
export type CreateReportBody = Static<typeof CreateReportBody>;

export const ReportReceipt = Type.Object({
  id: Type.Integer(),
  message: Type.String({ description: 'Chinese acknowledgement to show' }),
});
export type ReportReceipt = Static<typeof ReportReceipt>;
