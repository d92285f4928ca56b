/**
 * The WeChatClient (types.ts) over HTTP: code2Session, msgSecCheck v2 and mediaCheckAsync v2
 * against a configurable base URL, api.weixin.qq.com in production and the fake WeChat in
 * development and tests.
 * session_key is dropped the moment the answer is parsed: this server issues its own login
 * state and never needs WeChat's, so it can neither leak through a return value nor a log line.
 */
import { createAccessTokenCache, createStableTokenFetcher, type AccessTokenCache } from './access-token';
import { callWeChat, isRecord, weChatUrl, type WeChatBody, type WeChatLogger } from './wechat-http';
import {
  WeChatApiError,
  WeChatUnavailableError,
  type Suggest,
  type TextCheckVerdict,
  type TextScene,
  type WeChatClient,
  type WeChatSession,
} from './types';

export type { WeChatLogger } from './wechat-http';

export interface WeChatClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
  logger?: WeChatLogger;
  /** Share one cache with other WeChat callers of the process; by default the client makes its own. */
  accessTokens?: AccessTokenCache;
}

/** msgSecCheck v2 refuses longer content. Counted in UTF-16 units, which is never fewer than WeChat's count. */
export const MAX_TEXT_CHECK_LENGTH = 2500;

const TOKEN_REJECTED = new Set([40001, 42001]);
/** mediaCheckAsync's media_type: 1 is audio, 2 is image. */
const MEDIA_TYPE_IMAGE = 2;

export function createWeChatClient(options: WeChatClientOptions): WeChatClient {
  const { baseUrl, appId, appSecret, timeoutMs, logger } = options;
  const accessTokens =
    options.accessTokens ??
    createAccessTokenCache({ fetchToken: createStableTokenFetcher({ baseUrl, appId, appSecret, timeoutMs }), logger });

  /** Logs the failure without the URL (it carries the secret or token), then rethrows it. */
  function logged(api: string, error: unknown): never {
    if (error instanceof WeChatUnavailableError) logger?.warn({ api, reason: error.reason }, 'WeChat unavailable');
    else if (error instanceof WeChatApiError)
      logger?.info({ api, errcode: error.errcode, errmsg: error.errmsg }, 'WeChat refused the call');
    throw error;
  }

  async function code2Session(code: string): Promise<WeChatSession> {
    const api = 'jscode2session';
    let body: WeChatBody;
    try {
      body = await callWeChat({
        api,
        url: weChatUrl(baseUrl, '/sns/jscode2session', {
          appid: appId,
          secret: appSecret,
          js_code: code,
          grant_type: 'authorization_code',
        }),
        method: 'GET',
        timeoutMs,
      });
    } catch (error) {
      return logged(api, error);
    }
    const { openid, unionid } = body;
    if (typeof openid !== 'string' || openid === '') return logged(api, new WeChatUnavailableError(api, 'answer has no openid'));
    logger?.debug({ api, hasUnionid: typeof unionid === 'string' }, 'WeChat session resolved');
    return typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid };
  }

  /**
   * Runs `call` with the shared access token. On 40001/42001 the token is dropped and the call
   * retried once with a fresh one; a second rejection means something is wrong beyond an
   * expired token, and the caller is told WeChat is unavailable.
   */
  async function withAccessToken<T>(api: string, call: (token: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      let token: string;
      try {
        token = await accessTokens.get();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return logged(api, new WeChatUnavailableError(api, `no access token (${reason})`));
      }
      try {
        return await call(token);
      } catch (error) {
        if (!(error instanceof WeChatApiError) || !TOKEN_REJECTED.has(error.errcode)) return logged(api, error);
        accessTokens.invalidate(token);
        if (attempt >= 2) return logged(api, new WeChatUnavailableError(api, `access token rejected again (errcode ${error.errcode})`));
        logger?.info({ api, errcode: error.errcode }, 'WeChat rejected the access token; refreshing and retrying once');
      }
    }
  }

  async function checkText(input: { content: string; scene: TextScene; openid: string; title?: string }): Promise<TextCheckVerdict> {
    const api = 'msg_sec_check';
    if (input.content.length > MAX_TEXT_CHECK_LENGTH) {
      // A programming error, not a WeChat answer: callers are expected to cap user input first.
      throw new Error(`checkText content is ${input.content.length} characters; msgSecCheck accepts at most ${MAX_TEXT_CHECK_LENGTH}`);
    }
    const payload = {
      content: input.content,
      version: 2,
      scene: input.scene,
      openid: input.openid,
      ...(input.title === undefined ? {} : { title: input.title }),
    };
    return withAccessToken(api, async (token) => {
      const body = await callWeChat({
        api,
        url: weChatUrl(baseUrl, '/wxa/msg_sec_check', { access_token: token }),
        method: 'POST',
        json: payload,
        timeoutMs,
      });
      return parseVerdict(api, body);
    });
  }

  async function checkMediaAsync(input: { mediaUrl: string; scene: TextScene; openid: string }): Promise<{ traceId: string }> {
    const api = 'media_check_async';
    if (!/^https?:\/\//.test(input.mediaUrl)) {
      // A programming error: WeChat downloads the image itself, so only an absolute http(s) URL can work.
      throw new Error('checkMediaAsync mediaUrl must be an absolute http(s) URL that WeChat can download');
    }
    const payload = { media_url: input.mediaUrl, media_type: MEDIA_TYPE_IMAGE, version: 2, scene: input.scene, openid: input.openid };
    return withAccessToken(api, async (token) => {
      const body = await callWeChat({
        api,
        url: weChatUrl(baseUrl, '/wxa/media_check_async', { access_token: token }),
        method: 'POST',
        json: payload,
        timeoutMs,
      });
      const traceId = body.trace_id;
      // Without a trace id the verdict push could never be matched: count it as no answer.
      if (typeof traceId !== 'string' || traceId === '') throw new WeChatUnavailableError(api, 'answer has no trace_id');
      logger?.debug({ api, traceId }, 'WeChat accepted the media check');
      return { traceId };
    });
  }

  return { code2Session, checkText, checkMediaAsync };
}

/** Fail closed on anything unexpected: an unreadable verdict must never count as a pass. */
function parseVerdict(api: string, body: WeChatBody): TextCheckVerdict {
  const result = isRecord(body.result) ? body.result : {};
  const { suggest, label } = result;
  if (!isSuggest(suggest) || typeof label !== 'number') {
    throw new WeChatUnavailableError(api, 'answer has no usable result.suggest/result.label');
  }
  return { suggest, label, traceId: typeof body.trace_id === 'string' ? body.trace_id : '' };
}

function isSuggest(value: unknown): value is Suggest {
  return value === 'pass' || value === 'review' || value === 'risky';
}
