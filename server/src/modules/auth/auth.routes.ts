/** Login endpoints: silent WeChat login, the reviewer's password login, refresh and logout. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError, PasswordLoginBody, RefreshBody, TokenPair, WeChatLoginBody } from '@wx-community-starter/contract';
import { perMinute } from '../../plugins/rate-limits';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 429: ApiError, 503: ApiError };

const authRoutes: FastifyPluginAsyncTypebox<{ loginsPerMinute: number; passwordAttemptsPerMinute: number }> = async (app, options) => {
  const { auth } = app.services;

  app.post(
    '/auth/wechat',
    {
      schema: {
        tags: ['auth'],
        summary: 'Silent login with a wx.login code; creates a guest on first sight',
        body: WeChatLoginBody,
        response: { 200: TokenPair, ...errors },
      },
      config: perMinute(options.loginsPerMinute),
    },
    async (request) => auth.loginWithWeChat(request.body.code),
  );

  app.post(
    '/auth/password',
    {
      schema: { tags: ['auth'], summary: 'Reviewer test-account login', body: PasswordLoginBody, response: { 200: TokenPair, ...errors } },
      // Per address and username, so guessing one account's password is slow from anywhere.
      config: perMinute(
        options.passwordAttemptsPerMinute,
        (request) => `password:${request.ip}:${(request.body as { username?: string } | undefined)?.username ?? ''}`,
        { failClosed: true },
      ),
    },
    async (request) => auth.loginWithPassword(request.body.username, request.body.password, request.body.code),
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        summary: 'Rotate the refresh token; replaying a used one revokes its session',
        body: RefreshBody,
        response: { 200: TokenPair, ...errors },
      },
      config: perMinute(options.loginsPerMinute),
    },
    async (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session of this refresh token',
        body: RefreshBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await auth.logout(request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );
};

export default authRoutes;
