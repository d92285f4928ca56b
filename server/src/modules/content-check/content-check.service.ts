/**
 * Decides what happens to a piece of user text, from WeChat's msgSecCheck v2 verdict.
 * Fail closed: when WeChat cannot answer, the content is stored as `checking` and the recheck job
 * asks again later; it is never published unchecked and never lost.
 */
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../lib/app-error';
import { RetryLater } from '../../jobs/job-runner';
import { WeChatApiError, WeChatUnavailableError, type TextScene, type WeChatClient } from '../../wechat/types';

export interface TextToCheck {
  content: string;
  title?: string;
  scene: TextScene;
  openid: string;
}

/** What a first check at submission decides. `risky` never gets here: it is refused with 422. */
export type SubmissionOutcome = 'published' | 'held' | 'checking';
/** What a later recheck decides for content already stored. */
export type RecheckOutcome = 'published' | 'held' | 'rejected';

export const RISKY_REASON = '内容可能包含不当信息，未通过安全检测';

export type ContentCheck = ReturnType<typeof createContentCheck>;

export function createContentCheck(deps: { wechat: WeChatClient; logger: FastifyBaseLogger }) {
  async function verdict(text: TextToCheck) {
    const result = await deps.wechat.checkText(text);
    deps.logger.info({ traceId: result.traceId, suggest: result.suggest, label: result.label, scene: text.scene }, 'text checked');
    return result.suggest;
  }

  return {
    async checkSubmission(text: TextToCheck, riskyMessage: string): Promise<SubmissionOutcome> {
      try {
        const suggest = await verdict(text);
        if (suggest === 'risky') throw new AppError(422, 'content_risky', riskyMessage, 'msgSecCheck suggested risky');
        return suggest === 'pass' ? 'published' : 'held';
      } catch (error) {
        if (error instanceof WeChatUnavailableError) {
          deps.logger.warn({ reason: error.message }, 'text check unavailable; content kept for recheck');
          return 'checking';
        }
        if (error instanceof WeChatApiError) {
          // A configuration-type refusal (e.g. openid not recent): a person decides instead.
          deps.logger.error({ errcode: error.errcode, errmsg: error.errmsg }, 'text check refused the request; holding for moderators');
          return 'held';
        }
        throw error;
      }
    },

    async recheck(text: TextToCheck): Promise<RecheckOutcome> {
      try {
        const suggest = await verdict(text);
        return suggest === 'pass' ? 'published' : suggest === 'review' ? 'held' : 'rejected';
      } catch (error) {
        if (error instanceof WeChatUnavailableError) throw new RetryLater(error.message);
        if (error instanceof WeChatApiError) {
          deps.logger.error({ errcode: error.errcode, errmsg: error.errmsg }, 'text recheck refused the request; holding for moderators');
          return 'held';
        }
        throw error;
      }
    },
  };
}
