/**
 * A local stand-in for api.weixin.qq.com, for development (npm start) and tests: login codes,
 * access tokens, msgSecCheck v2 and mediaCheckAsync v2 (with its `wxa_media_check` push) with
 * the same shapes and errcodes as WeChat, documented verdict rules, failure injection, and a
 * log of what clients sent. See README.md.
 *
 * A small plain Fastify instance, separate from the app: it must behave like WeChat (HTTP 200
 * with an errcode for bad input), not like our API, so it shares none of the app's plugins.
 */
import Fastify, { type FastifyError } from 'fastify';
import type { FailureMode, FailureTarget, FakeApi } from './apis';
import type { FakeCall } from './call-log';
import type { FakeMediaCheck, PushForOptions } from './media-checks';
import type { FakePushConfig, FakePushOptions } from './push-config';
import type { FakePush } from './push-log';
import { cgiBinRoutes } from './routes/cgi-bin';
import { controlRoutes } from './routes/control';
import { snsRoutes } from './routes/sns';
import { wxaSecurityRoutes } from './routes/wxa-security';
import { FakeWeChatState } from './state';
import { wechatError } from './wechat-reply';

const DEFAULT_WAIT_FOR_PUSHES_MS = 2_000;

export interface FakeWeChatOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  appId?: string;
  appSecret?: string;
  /** Fastify request logging; query strings are left out of the log. */
  logger?: boolean;
  /** How long failure mode `timeout` holds a request (default 10 s). */
  timeoutHoldMs?: number;
  /** How long each WeChat API call takes to answer (default 0), e.g. 20 for WeChat's usual latency in a bench. */
  answerDelayMs?: number;
  /** The fake's clock, for tests about code and token expiry; also CreateTime/timestamp of pushes. */
  now?: () => number;
  /** The mini program's original ID, ToUserName of every push (default `gh_de0f0a4e0000`). */
  originalId?: string;
  /**
   * Message push settings, as in the admin console. Every field has a development default
   * (the server's DEV_PUSH_TOKEN/DEV_PUSH_AES_KEY, safe mode, 50 ms delay) except `url`:
   * without one nothing is pushed until configurePush({ url }).
   */
  push?: FakePushOptions;
}

export interface FakeWeChat {
  /** Base URL to configure as the WeChat API base, e.g. http://127.0.0.1:PORT. */
  readonly url: string;
  /** Calls received per API, oldest first, without secrets or tokens. Emptied by reset(). */
  readonly calls: Readonly<Record<FakeApi, readonly FakeCall[]>>;
  /** What wx.login would return for `openid` (a new random user when omitted). */
  issueLoginCode(openid?: string): string;
  /** Make the next `times` calls of `api` fail with `mode`. */
  failNext(api: FailureTarget, mode: FailureMode, times?: number): void;
  /** Make every call of `api` fail with `mode` until set back to null. */
  setFailure(api: FailureTarget, mode: FailureMode | null): void;
  /** media_check_async jobs accepted, oldest first, with their trace ids. Emptied by reset(). */
  readonly mediaChecks: readonly FakeMediaCheck[];
  /** Pushes delivered or attempted, oldest first. Emptied by reset(). */
  readonly pushes: readonly FakePush[];
  /** The push settings in force (token and key included, for configuring the server under test). */
  readonly pushConfig: Readonly<FakePushConfig>;
  /** Change push settings, e.g. the URL once the server under test listens. Throws on invalid values. */
  configurePush(change: FakePushOptions): void;
  /**
   * Push a `wxa_media_check` for `traceId` now and return the receiver's answer: the job's own
   * verdict (waiting for its download if needed) unless `suggest` is given; any string works,
   * so unknown trace ids, duplicates, forged signatures and stale timestamps can be provoked.
   */
  pushFor(traceId: string, options?: PushForOptions): Promise<{ status: number; body: string }>;
  /** While held, verdicts are judged but not pushed (use pushFor); releasing does not flush them. */
  holdPushes(hold: boolean): void;
  /** Resolves with `pushes` once it has at least `count` entries; rejects after `timeoutMs` (default 2 s). */
  waitForPushes(count: number, timeoutMs?: number): Promise<readonly FakePush[]>;
  /** Forget codes, tokens, planned failures, calls, media checks and pushes; pushes no longer held. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeWeChat(options: FakeWeChatOptions = {}): Promise<FakeWeChat> {
  const app = Fastify({
    // Held `timeout` requests and keep-alive sockets must not delay close().
    forceCloseConnections: true,
    logger: options.logger
      ? { serializers: { req: (request: { method: string; url: string }) => ({ method: request.method, url: request.url.split('?')[0] }) } }
      : false,
  });

  const state = new FakeWeChatState({ ...options, log: app.log });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (request.url.startsWith('/__fake/')) return reply.code(status).send({ error: error.message });
    // WeChat answers unreadable bodies with HTTP 200 and 47001, not with an HTTP error.
    if (status < 500) return reply.send(wechatError(47001, 'data format error'));
    return reply.code(status).send({ error: error.message });
  });

  const answerDelayMs = options.answerDelayMs ?? 0;
  if (answerDelayMs > 0) {
    app.addHook('onRequest', async (request) => {
      if (!request.url.startsWith('/__fake/')) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
    });
  }

  await app.register(snsRoutes, { state });
  await app.register(cgiBinRoutes, { state });
  await app.register(wxaSecurityRoutes, { state });
  await app.register(controlRoutes, { state });

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fake WeChat did not get a TCP address');
  const url = `http://${urlHost(host)}:${address.port}`;

  return {
    url,
    calls: state.calls.byApi,
    issueLoginCode: (openid) => state.loginCodes.issue(openid),
    failNext: (api, mode, times) => state.failures.failNext(api, mode, times),
    setFailure: (api, mode) => state.failures.setFailure(api, mode),
    mediaChecks: state.media.accepted,
    pushes: state.media.pushes.list,
    get pushConfig() {
      return state.media.pushConfig;
    },
    configurePush: (change) => state.media.configure(change),
    pushFor: (traceId, pushOptions) => state.media.pushFor(traceId, pushOptions),
    holdPushes: (hold) => state.media.hold(hold),
    waitForPushes: (count, timeoutMs = DEFAULT_WAIT_FOR_PUSHES_MS) => state.media.pushes.waitFor(count, timeoutMs),
    reset: () => state.reset(),
    async close() {
      state.held.releaseAll();
      state.media.close();
      await app.close();
    },
  };
}

/** A wildcard listen address is not something a client can connect to. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
