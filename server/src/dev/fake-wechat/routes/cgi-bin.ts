/** `/cgi-bin/*`: the app's credentials. Only getStableAccessToken; the legacy `/cgi-bin/token` is not emulated. */
import type { FastifyPluginAsync } from 'fastify';
import { answerInjectedFailure } from '../injected-failure';
import type { FakeWeChatState } from '../state';
import { asRecord, wechatError } from '../wechat-reply';

export const cgiBinRoutes: FastifyPluginAsync<{ state: FakeWeChatState }> = async (app, { state }) => {
  app.post('/cgi-bin/stable_token', async (request, reply) => {
    const body = asRecord(request.body);
    state.calls.record('stable_token', body);
    if (await answerInjectedFailure(state, 'stable_token', reply)) return reply;

    if (body.grant_type !== 'client_credential') return wechatError(40002, 'invalid grant_type');
    if (body.appid !== state.appId) return wechatError(40013, 'invalid appid');
    if (body.secret !== state.appSecret) return wechatError(40125, 'invalid appsecret');
    if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') {
      return wechatError(47001, 'data format error: force_refresh must be a boolean');
    }
    return state.accessTokens.obtain(body.force_refresh === true);
  });
};
