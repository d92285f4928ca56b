/**
 * The API contract as types for the mini program. The schemas live with the server
 * (server/src/contract) and are the one source of truth; this file only re-exports their types.
 */
export type {
  ApiError,
  Author,
  Board,
  Comment,
  ContentStatus,
  CreateCommentBody,
  CreatePostBody,
  CreateReportBody,
  Image,
  MediaPurpose,
  MediaStatus,
  Me,
  ModerationActionKind,
  ModerationComment,
  ModerationLogEntry,
  ModerationMedia,
  ModerationNickname,
  ModerationPost,
  ModerationReasonBody,
  ModerationReport,
  ModerationResult,
  ModerationTargetType,
  ModerationUser,
  PasswordLoginBody,
  PostDetail,
  PostsQuery,
  PostSummary,
  RefreshBody,
  ReportReceipt,
  Role,
  ResolveReportBody,
  TokenPair,
  UpdateMeBody,
  UpdateMeResult,
  UploadedMedia,
  WeChatLoginBody,
} from '@wx-community-starter/contract';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
