/**
 * The Chinese words users and moderators see for the contract's codes, kept once here so the mini
 * program, the moderation desk and the web console cannot label the same code differently.
 */
import type { Static } from '@sinclair/typebox';
import type { ReportReason } from './forum';

export const REPORT_REASON_LABELS: Readonly<Record<Static<typeof ReportReason>, string>> = {
  spam: '垃圾广告',
  abuse: '辱骂攻击',
  porn: '色情低俗',
  illegal: '违法违规',
  fraud: '诈骗信息',
  privacy: '泄露隐私',
  other: '其他',
};
