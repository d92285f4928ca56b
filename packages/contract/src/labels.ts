/**
 * The Chinese words users and moderators see for the contract's codes, kept once here so the mini
 * program, the moderation desk and the web console cannot label the same code differently.
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

/**
 * Reasons a moderator picks from instead of typing, for each kind of decision; the author sees a
 * rejection's reason, so they are written to the author. Free text stays possible.
 */
export const MODERATION_REASON_PRESETS: Readonly<Record<'reject' | 'remove' | 'ban', readonly string[]>> = {
  reject: ['内容不符合社区公约', '含有广告或引流信息', '含有辱骂或人身攻击', '图片不符合社区公约', '与版块主题无关'],
  remove: ['经举报核实，内容违反社区公约', '含有广告或引流信息', '泄露他人隐私', '含有诈骗信息'],
  ban: ['多次发布违规内容', '发布广告或诈骗信息', '辱骂骚扰其他用户'],
};

/** The audit log's words for each decision. */
export const MODERATION_ACTION_LABELS: Readonly<Record<ModerationActionKind, string>> = {
  approve_post: '通过帖子',
  reject_post: '拒绝帖子',
  approve_comment: '通过评论',
  reject_comment: '拒绝评论',
  approve_media: '通过图片',
  reject_media: '拒绝图片',
  approve_nickname: '通过昵称',
  reject_nickname: '拒绝昵称',
  resolve_report: '处理举报',
  ban_user: '封禁用户',
  unban_user: '解除封禁',
};
