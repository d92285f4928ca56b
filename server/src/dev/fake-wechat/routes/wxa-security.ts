/**
 * `/wxa/*` content security, validated field by field like WeChat: msgSecCheck v2 judged on the
 * spot by verdict-rule.ts, and mediaCheckAsync v2, which only accepts the job and answers a
 * trace_id; the verdict arrives later as a push (media-checks.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import { answerInjectedFailure } from '../injected-failure';
import type { FakeWeChatState } from '../state';
import { MEDIA_TYPE_AUDIO, MEDIA_TYPE_IMAGE } from '../media-judgement';
import { decideVerdict } from '../verdict-rule';
import { asRecord, nonEmptyString, randomId, wechatError, type WeChatErrorBody } from '../wechat-reply';

/** WeChat's documented limit; the fake enforces it so a client that forgets to cap input finds out. */
export const MAX_CONTENT_LENGTH = 2500;

export const wxaSecurityRoutes: FastifyPluginAsync<{ state: FakeWeChatState }> = async (app, { state }) => {
  app.post('/wxa/msg_sec_check', async (request, reply) => {
    const token = nonEmptyString(asRecord(request.query).access_token);
    const body = asRecord(request.body);
    state.calls.record('msg_sec_check', body);
    if (await answerInjectedFailure(state, 'msg_sec_check', reply, () => state.accessTokens.expire(token))) return reply;
    const tokenError = checkToken(state, token);
    if (tokenError) return tokenError;

    const { content, title, scene, openid, version } = body;
    // v1 (no version) answers a different shape; the fake refuses it loudly rather than emulate it.
    if (version !== 2) return wechatError(47001, 'data format error: the fake WeChat only answers version 2');
    if (!isScene(scene)) return wechatError(40129, 'invalid scene');
    if (nonEmptyString(openid) === undefined) return wechatError(40003, 'invalid openid');
    if (typeof content !== 'string' || content.trim() === '') return wechatError(44002, 'empty content');
    if (content.length > MAX_CONTENT_LENGTH) return wechatError(47001, `data format error: content longer than ${MAX_CONTENT_LENGTH}`);
    if (title !== undefined && typeof title !== 'string') return wechatError(47001, 'data format error: title must be a string');

    const verdict = decideVerdict([content, title]);
    const keywordHit =
      verdict.keyword === undefined ? {} : { suggest: verdict.suggest, label: verdict.label, level: 90, keyword: verdict.keyword };
    return {
      errcode: 0,
      errmsg: 'ok',
      trace_id: randomId(),
      result: { suggest: verdict.suggest, label: verdict.label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 },
        { strategy: 'keyword', errcode: 0, ...keywordHit },
      ],
    };
  });

  app.post('/wxa/media_check_async', async (request, reply) => {
    const token = nonEmptyString(asRecord(request.query).access_token);
    const body = asRecord(request.body);
    state.calls.record('media_check_async', body);
    if (await answerInjectedFailure(state, 'media_check_async', reply, () => state.accessTokens.expire(token))) return reply;
    const tokenError = checkToken(state, token);
    if (tokenError) return tokenError;

    const { media_url: mediaUrl, media_type: mediaType, scene, openid, version } = body;
    if (version !== 2) return wechatError(47001, 'data format error: the fake WeChat only answers version 2');
    if (mediaType !== MEDIA_TYPE_AUDIO && mediaType !== MEDIA_TYPE_IMAGE)
      return wechatError(47001, 'data format error: media_type must be 1 (audio) or 2 (image)');
    if (typeof mediaUrl !== 'string' || !/^https?:\/\/[^/]/.test(mediaUrl))
      return wechatError(47001, 'data format error: media_url must be an http(s) URL');
    if (!isScene(scene)) return wechatError(40129, 'invalid scene');
    const user = nonEmptyString(openid);
    if (user === undefined) return wechatError(40003, 'invalid openid');

    return { errcode: 0, errmsg: 'ok', trace_id: state.media.accept({ mediaUrl, mediaType, scene, openid: user }) };
  });
};

function checkToken(state: FakeWeChatState, token: string | undefined): WeChatErrorBody | undefined {
  const tokenState = state.accessTokens.check(token);
  if (tokenState === 40001) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
  if (tokenState === 42001) return wechatError(42001, 'access_token expired');
  return undefined;
}

function isScene(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 4;
}
