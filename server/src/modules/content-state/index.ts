/**
 * The content-state module: the one place where posts, comments, nicknames and images move
 * between checking/held/published/rejected (images: pending/approved/held/rejected). The forum,
 * the profile, the text recheck job, image verdicts and moderators call these functions; each
 * takes the database or the caller's transaction first. Other modules import this file only.
 */
export { findCommentState, findPostState, findProfileState } from './content-state.repository';
export { applyMediaDecision, heldImagesOf, IMAGE_RISKY_REASON, mediaStatusOf, startAvatarCheck, type MediaDecision } from './media-states';
export { applyNicknameRecheck, decidePendingNickname, submitNickname, type NicknameSubmission } from './nickname-states';
export { derivePostStatus, IMAGE_REJECTED_REASON, recomputePostStatus } from './post-status';
export {
  applyPostTextVerdict,
  changeCommentStatus,
  changePostStatus,
  commentCountChanged,
  passQueuedPostText,
  recountComments,
  type TextOutcome,
} from './text-states';
export { readContentVersion } from './content-version';
