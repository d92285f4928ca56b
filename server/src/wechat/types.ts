/**
 * What the rest of the server needs from WeChat's server-side APIs. The HTTP client in
 * wechat-client.ts implements it against a configurable base URL (api.weixin.qq.com in
 * production, the fake WeChat in development and tests).
 */

/** msgSecCheck v2 scenes. */
export const TextScene = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const;
export type TextScene = (typeof TextScene)[keyof typeof TextScene];

export type Suggest = 'pass' | 'review' | 'risky';

export interface TextCheckVerdict {
  suggest: Suggest;
  label: number;
  traceId: string;
}

export interface WeChatSession {
  openid: string;
  unionid?: string;
}

export interface WeChatClient {
  /** code2Session. session_key is deliberately dropped here: it never leaves this module. */
  code2Session(code: string): Promise<WeChatSession>;
  /** msgSecCheck v2. */
  checkText(input: { content: string; scene: TextScene; openid: string; title?: string }): Promise<TextCheckVerdict>;
  /**
   * mediaCheckAsync v2 for an image. WeChat only accepts the job here: it downloads `mediaUrl`
   * later and pushes the verdict as a `wxa_media_check` event carrying this trace id, which is
   * the only link back to the image, so the caller must store it.
   */
  checkMediaAsync(input: { mediaUrl: string; scene: TextScene; openid: string }): Promise<{ traceId: string }>;
}

/**
 * WeChat answered with an errcode the caller must handle (e.g. 40029 invalid code).
 * `errmsg` is WeChat's text for developers' logs; never show it to end users.
 */
export class WeChatApiError extends Error {
  constructor(
    readonly api: string,
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat ${api} failed with errcode ${errcode}: ${errmsg}`);
    this.name = 'WeChatApiError';
  }
}

/**
 * WeChat could not give an answer now (timeout, network error, HTTP 5xx, errcode -1 busy,
 * or no usable access token). Callers fail closed and try again later.
 */
export class WeChatUnavailableError extends Error {
  constructor(
    readonly api: string,
    readonly reason: string,
  ) {
    super(`WeChat ${api} unavailable: ${reason}`);
    this.name = 'WeChatUnavailableError';
  }
}
