/**
 * The `wxa_media_check` event WeChat pushes when a mediaCheckAsync job is done, in the shape of
 * the official example. When the media could not be judged (download failed, not an image) the
 * event carries a non-zero errcode, the content_model detail repeats it, and `result` says
 * `review`: WeChat documents no result for that case, and a server that forgets to look at
 * errcode should at least keep the image hidden.
 */
import type { Suggest } from '../../wechat/types';
import type { MediaJudgement } from './media-judgement';

export interface MediaCheckDetail {
  strategy: string;
  errcode: number;
  suggest?: Suggest;
  label?: number;
  prob?: number;
}

export interface MediaCheckEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'event';
  Event: 'wxa_media_check';
  appid: string;
  trace_id: string;
  version: 2;
  detail: MediaCheckDetail[];
  errcode: number;
  errmsg: string;
  result: { suggest: Suggest; label: number };
}

export function mediaCheckEvent(input: {
  originalId: string;
  appId: string;
  openid: string;
  traceId: string;
  createTime: number;
  judgement: MediaJudgement;
}): MediaCheckEvent {
  const { judgement } = input;
  const outcome = judgement.ok
    ? {
        detail: [{ strategy: 'content_model', errcode: 0, suggest: judgement.verdict.suggest, label: judgement.verdict.label, prob: 90 }],
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: judgement.verdict.suggest, label: judgement.verdict.label },
      }
    : {
        detail: [{ strategy: 'content_model', errcode: judgement.errcode }],
        errcode: judgement.errcode,
        errmsg: judgement.errmsg,
        result: { suggest: 'review' as const, label: 21000 },
      };
  return {
    ToUserName: input.originalId,
    FromUserName: input.openid,
    CreateTime: input.createTime,
    MsgType: 'event',
    Event: 'wxa_media_check',
    appid: input.appId,
    trace_id: input.traceId,
    version: 2,
    ...outcome,
  };
}
