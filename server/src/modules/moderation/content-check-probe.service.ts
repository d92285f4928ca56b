/**
 * Proves, on a running deployment, that user text really reaches WeChat's msgSecCheck: a
 * known-bad sample is checked with the caller's openid and the verdict says whether the check
 * is wired (WeChat flagged it), not wired (a known-bad text passed: a stub or the wrong client is
 * in place) or unverified (no verdict: no recent openid, WeChat refused or unavailable).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { ContentCheckProbeResult } from '@wx-community-starter/contract';
import { WeChatApiError, WeChatUnavailableError, type TextScene, type WeChatClient } from '../../wechat/types';
import type { Viewer } from '../auth/viewer';
import { requireModerator } from './moderation.service';

/** Typical fraud/spam a community must never publish; WeChat's model should flag it. Override with CONTENT_CHECK_PROBE_TEXT. */
export const DEFAULT_PROBE_SAMPLE = '加微信领取内部彩票号码，稳赚不赔！先转账500元保证金即可入群，另代办信用卡套现、高价收购银行卡。';

/** errcodes meaning the openid is not usable for msgSecCheck v2 (not a recent visitor, or another app's). */
const OPENID_REFUSED = new Set([40003, 43104]);

export interface ContentCheckProbeDeps {
  wechat: WeChatClient;
  logger: FastifyBaseLogger;
  /**
   * CONTENT_CHECK_PROBE_TEXT, when set. The development stack and the tests set it to a sample
   * carrying the fake WeChat's risky marker, since the fake judges markers, not meaning.
   */
  sampleText?: string;
}

export type ContentCheckProbe = ReturnType<typeof createContentCheckProbe>;

export function createContentCheckProbe(deps: ContentCheckProbeDeps) {
  const sample = deps.sampleText ?? DEFAULT_PROBE_SAMPLE;

  return {
    async probe(viewer: Viewer | null, scene: TextScene): Promise<ContentCheckProbeResult> {
      const me = requireModerator(viewer);
      const base = { scene, sample, suggest: null, label: null, traceId: null };
      if (!me.wechatOpenid) {
        return {
          ...base,
          outcome: 'unverified',
          wired: false,
          detail:
            'this session has no WeChat openid, and msgSecCheck v2 needs the openid of a user who opened the mini program within 2 hours: log in from the mini program (its wx.login code) and call the probe with that session',
        };
      }
      try {
        const verdict = await deps.wechat.checkText({ content: sample, scene, openid: me.wechatOpenid });
        deps.logger.info({ suggest: verdict.suggest, label: verdict.label, traceId: verdict.traceId }, 'content-check probe answered');
        const wired = verdict.suggest !== 'pass';
        return {
          ...base,
          outcome: wired ? 'wired' : 'not_wired',
          wired,
          suggest: verdict.suggest,
          label: verdict.label,
          traceId: verdict.traceId || null,
          detail: wired
            ? `msgSecCheck answered ${verdict.suggest} (label ${verdict.label}) for the known-bad sample: the content check is live`
            : `msgSecCheck answered pass (label ${verdict.label}) for a known-bad sample: the server is not talking to WeChat's real content check (check WECHAT_API_BASE_URL and the WeChat client), or WeChat judged this sample harmless (set CONTENT_CHECK_PROBE_TEXT to a text it flags)`,
        };
      } catch (error) {
        if (error instanceof WeChatApiError) {
          const why = OPENID_REFUSED.has(error.errcode)
            ? 'the openid of this session is not accepted (msgSecCheck v2 needs a user who opened the mini program within 2 hours): open the mini program, log in again and retry'
            : 'WeChat refused the request';
          return { ...base, outcome: 'unverified', wired: false, detail: `${why} (errcode ${error.errcode}: ${error.errmsg})` };
        }
        if (error instanceof WeChatUnavailableError) {
          return {
            ...base,
            outcome: 'unverified',
            wired: false,
            detail: `WeChat gave no answer (${error.reason}); user content is being kept for recheck meanwhile: retry later`,
          };
        }
        throw error;
      }
    },
  };
}
