/** The signed-in user's own account and content. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ApiError, Me, Page, PageQuery, PostSummary, UpdateMeBody, UpdateMeResult } from '@wx-community-starter/contract';
import { perMinute } from '../../plugins/rate-limits';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 422: ApiError, 429: ApiError };

const meRoutes: FastifyPluginAsyncTypebox<{ profileUpdatesPerMinute: number }> = async (app, options) => {
  const { profile, forum } = app.services;

  app.get('/me', { schema: { tags: ['me'], response: { 200: Me, ...errors } } }, async (request) => profile.me(request.viewer));

  // PUT, not PATCH: wx.request cannot send PATCH.
  app.put(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Set the nickname (checked before others see it)',
        body: UpdateMeBody,
        response: { 200: UpdateMeResult, ...errors },
      },
      config: perMinute(options.profileUpdatesPerMinute),
    },
    async (request) => profile.updateNickname(request.viewer, request.body.nickname),
  );

  app.delete(
    '/me',
    {
      schema: {
        tags: ['me'],
        summary: 'Delete the account: posts, comments, profile and sessions are removed',
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await profile.deleteAccount(request.viewer);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me/posts',
    {
      schema: {
        tags: ['me'],
        summary: 'My posts with their review state',
        querystring: PageQuery,
        response: { 200: Page(PostSummary), ...errors },
      },
    },
    async (request) => forum.listMyPosts(request.viewer, request.query),
  );
};

export default meRoutes;
