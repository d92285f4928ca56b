/**
 * `/sns/*`: login. jscode2session answers success without an errcode field, exactly as WeChat
 * often does, so clients that insist on `errcode === 0` break here rather than in production.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { answerInjectedFailure } from '../injected-failure';
import type { FakeWeChatState } from '../state';
import { asRecord, nonEmptyString, wechatError } from '../wechat-reply';

export const snsRoutes: FastifyPluginAsync<{ state: FakeWeChatState }> = async (app, { state }) => {
  app.get('/sns/jscode2session', async (request, reply) => {
    const query = asRecord(request.query);
    state.calls.record('jscode2session', query);
    if (await answerInjectedFailure(state, 'jscode2session', reply)) return reply;

    if (query.appid !== state.appId) return wechatError(40013, 'invalid appid');
    if (query.secret !== state.appSecret) return wechatError(40125, 'invalid appsecret');
    if (query.grant_type !== 'authorization_code') return wechatError(40002, 'invalid grant_type');
    const code = nonEmptyString(query.js_code);
    if (code === undefined) return wechatError(41008, 'missing code');
    const openid = state.loginCodes.redeem(code);
    if (openid === undefined) return wechatError(40029, 'invalid code');
    return { openid, session_key: randomBytes(16).toString('base64') };
  });
};
