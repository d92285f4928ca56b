/**
 * `/wxa/*` content security: msgSecCheck v2, validated field by field like WeChat and judged by
 * verdict-rule.ts. mediaCheckAsync belongs in this file too when it is added.
 */
import type { FastifyPluginAsync } from 'fastify';
import { answerInjectedFailure } from '../injected-failure';
import type { FakeWeChatState } from '../state';
import { decideVerdict } from '../verdict-rule';
import { asRecord, nonEmptyString, randomId, wechatError } from '../wechat-reply';

/** WeChat's documented limit; the fake enforces it so a client that forgets to cap input finds out. */
export const MAX_CONTENT_LENGTH = 2500;

export const wxaSecurityRoutes: FastifyPluginAsync<{ state: FakeWeChatState }> = async (app, { state }) => {
  app.post('/wxa/msg_sec_check', async (request, reply) => {
    const token = nonEmptyString(asRecord(request.query).access_token);
    const body = asRecord(request.body);
    state.calls.record('msg_sec_check', body);
    if (await answerInjectedFailure(state, 'msg_sec_check', reply, () => state.accessTokens.expire(token))) return reply;

    const tokenState = state.accessTokens.check(token);
    if (tokenState === 40001) return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
    if (tokenState === 42001) return wechatError(42001, 'access_token expired');

    const { content, title, scene, openid, version } = body;
    // v1 (no version) answers a different shape; the fake refuses it loudly rather than emulate it.
    if (version !== 2) return wechatError(47001, 'data format error: the fake WeChat only answers version 2');
    if (typeof scene !== 'number' || !Number.isInteger(scene) || scene < 1 || scene > 4) return wechatError(40129, 'invalid scene');
    if (nonEmptyString(openid) === undefined) return wechatError(40003, 'invalid openid');
    if (typeof content !== 'string' || content.trim() === '') return wechatError(44002, 'empty content');
    if (content.length > MAX_CONTENT_LENGTH) return wechatError(47001, `data format error: content longer than ${MAX_CONTENT_LENGTH}`);
    if (title !== undefined && typeof title !== 'string') return wechatError(47001, 'data format error: title must be a string');

    const verdict = decideVerdict([content, title]);
    const keywordHit = verdict.keyword === undefined ? {} : { suggest: verdict.suggest, label: verdict.label, level: 90, keyword: verdict.keyword };
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
};
