/** Boards, posts, comments and reports. Handlers only wire HTTP to the forum service. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ApiError,
  Board,
  Comment,
  CreateCommentBody,
  CreatePostBody,
  CreateReportBody,
  IdParams,
  Page,
  PageQuery,
  PostDetail,
  PostsQuery,
  PostSummary,
  ReportReceipt,
} from '@wx-community-starter/contract';
import { perMinute } from '../../plugins/rate-limits';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 422: ApiError, 429: ApiError };

export interface ForumRouteOptions {
  postsPerMinute: number;
  commentsPerMinute: number;
  reportsPerMinute: number;
}

const forumRoutes: FastifyPluginAsyncTypebox<ForumRouteOptions> = async (app, options) => {
  const { forum } = app.services;

  app.get('/boards', { schema: { tags: ['forum'], response: { 200: Type.Object({ items: Type.Array(Board) }) } } }, async () =>
    forum.listBoards(),
  );

  app.get(
    '/posts',
    {
      schema: {
        tags: ['forum'],
        summary: 'Published posts, newest first',
        querystring: PostsQuery,
        response: { 200: Page(PostSummary), 304: Type.Null({ description: 'First page unchanged since If-None-Match' }), ...errors },
      },
    },
    async (request, reply) => {
      const { page, etag } = await forum.listPostsWithTag(request.query);
      if (etag === undefined) return page;
      // Clients revalidate every time (no-cache); an unchanged first page costs a 304 and no body.
      reply.header('etag', etag).header('cache-control', 'no-cache');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null);
      return page;
    },
  );

  app.get(
    '/posts/:id',
    {
      schema: { tags: ['forum'], params: IdParams, response: { 200: PostDetail, ...errors } },
    },
    async (request) => forum.getPost(request.params.id, request.viewer),
  );

  app.post(
    '/posts',
    {
      schema: {
        tags: ['forum'],
        summary: 'Create a post; its text passes msgSecCheck first',
        body: CreatePostBody,
        response: { 201: PostDetail, ...errors },
      },
      config: perMinute(options.postsPerMinute),
    },
    async (request, reply) => reply.status(201).send(await forum.createPost(request.viewer, request.body)),
  );

  app.delete(
    '/posts/:id',
    {
      schema: { tags: ['forum'], params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await forum.deletePost(request.viewer, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/posts/:id/comments',
    {
      schema: { tags: ['forum'], params: IdParams, querystring: PageQuery, response: { 200: Page(Comment), ...errors } },
    },
    async (request) => forum.listComments(request.params.id, request.viewer, request.query),
  );

  app.post(
    '/posts/:id/comments',
    {
      schema: { tags: ['forum'], params: IdParams, body: CreateCommentBody, response: { 201: Comment, ...errors } },
      config: perMinute(options.commentsPerMinute),
    },
    async (request, reply) => reply.status(201).send(await forum.createComment(request.viewer, request.params.id, request.body)),
  );

  app.delete(
    '/comments/:id',
    {
      schema: { tags: ['forum'], params: IdParams, response: { 204: Type.Null(), ...errors } },
    },
    async (request, reply) => {
      await forum.deleteComment(request.viewer, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/reports',
    {
      schema: {
        tags: ['forum'],
        summary: 'Report a post or comment to moderators',
        body: CreateReportBody,
        response: { 201: ReportReceipt, ...errors },
      },
      config: perMinute(options.reportsPerMinute),
    },
    async (request, reply) => reply.status(201).send(await forum.report(request.viewer, request.body)),
  );
};

export default forumRoutes;
