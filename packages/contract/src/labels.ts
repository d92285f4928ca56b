/**
 * The Chinese words users and moderators see for the contract's codes, and the reasons a moderator
 * picks from, kept once here so the mini program, the moderation desk and the web console cannot
 * word the same thing differently. The mini program cannot import this package at run time:
 * `npm run generate` writes miniprogram/data/contract-labels.ts from it, and a test fails when
 * that copy is stale.
 */
import type { Static } from '@sinclair/typebox';
import type { ReportReason } from './forum';
import type { ModerationActionKind } from './moderation';

export const REPORT_REASON_LABELS: Readonly<Record<Static<typeof ReportReason>, string>> = {
  spam: '垃圾广告',
  abuse: '辱骂攻击',
  porn: '色情低俗',
  illegal: '违法违规',
  fraud: '诈骗信息',
  privacy: '泄露隐私',
  other: '其他',
};

/** The reason used when a moderator gives none (the server's default, and each list's first entry). */
export const DEFAULT_REJECT_REASON = '内容不符合社区公约';
export const DEFAULT_IMAGE_REJECT_REASON = '图片不符合社区公约';

/**
 * The short lists a moderator picks a reason from before rejecting, removing or banning (free
 * text is always possible too). Reject and remove reasons are shown to the author; ban reasons go
 * to the audit log and to the banned user.
 */
export const MODERATION_REASON_PRESETS = {
  reject: [DEFAULT_REJECT_REASON, '含有广告或引流信息', '含有不友善的言论', '涉及违法违规内容', '与版块主题无关'],
  rejectImage: [DEFAULT_IMAGE_REJECT_REASON, '图片含有广告或二维码', '图片含有低俗内容', '图片涉及他人隐私'],
  remove: [DEFAULT_REJECT_REASON, '经举报核实，含有广告或引流信息', '经举报核实，含有不友善的言论', '经举报核实，涉及违法违规内容'],
  ban: ['多次发布广告或引流信息', '多次发布不友善的言论', '发布违法违规内容', '冒充他人或社区管理员'],
} as const satisfies Record<string, readonly string[]>;
export type ModerationReasonKind = keyof typeof MODERATION_REASON_PRESETS;

/** How the audit log names each decision. */
export const MODERATION_ACTION_LABELS: Readonly<Record<ModerationActionKind, string>> = {
  approve_post: '通过帖子',
  reject_post: '驳回帖子',
  approve_comment: '通过评论',
  reject_comment: '驳回评论',
  approve_media: '通过图片',
  reject_media: '驳回图片',
  approve_nickname: '通过昵称',
  reject_nickname: '驳回昵称',
  resolve_report: '处理举报',
  ban_user: '禁言用户',
  unban_user: '解除禁言',
};
