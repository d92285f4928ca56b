/**
 * The moderation API, registered under /moderation. Handlers only wire HTTP to the moderation
 * service; the hook below keeps every route of this plugin, including future ones, for moderators.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from '@sinclair/typebox';
import {
  ApiError,
  IdParams,
  MediaIdParams,
  ModerationBan,
  ModerationComment,
  ModerationLogEntry,
  ModerationMedia,
  ModerationNickname,
  ModerationPost,
  ModerationReasonBody,
  ModerationReport,
  ModerationResult,
  ModerationSummary,
  ModerationUserParams,
  Page,
  PageQuery,
  ResolveReportBody,
} from '@wx-community-starter/contract';
import { requireModerator } from './moderation.service';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 409: ApiError };
const tags = ['moderation'];
const queue = <T extends TSchema>(summary: string, item: T) => ({
  tags,
  summary,
  querystring: PageQuery,
  response: { 200: Page(item), ...errors },
});
const decision = (summary: string) => ({ tags, summary, response: { 200: ModerationResult, ...errors } });

const moderationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { moderation, media } = app.services;

  // Runs after authentication (a root hook) and before validation, so a non-moderator learns nothing.
  app.addHook('onRequest', async (request) => {
    requireModerator(request.viewer);
  });
  // Reasons are optional, so a decision may be posted with no body at all.
  app.addHook('preValidation', async (request) => {
    request.body ??= {};
  });

  app.get(
    '/summary',
    {
      schema: {
        tags,
        summary: 'How many items wait in each queue, and the age of the oldest content WeChat has not judged yet',
        response: { 200: ModerationSummary, ...errors },
      },
    },
    async (request) => moderation.summary(request.viewer),
  );
  app.get(
    '/posts',
    { schema: queue('Held posts, and posts still at the automatic check; oldest first', ModerationPost) },
    async (request) => moderation.postQueue(request.viewer, request.query),
  );
  app.get('/comments', { schema: queue('Held comments; oldest first', ModerationComment) }, async (request) =>
    moderation.commentQueue(request.viewer, request.query),
  );
  app.get(
    '/media',
    { schema: queue('Held images, and images WeChat has not answered for; oldest first', ModerationMedia) },
    async (request) => moderation.mediaQueue(request.viewer, request.query),
  );
  app.get('/reports', { schema: queue('Open reports with the reported content; oldest first', ModerationReport) }, async (request) =>
    moderation.reportQueue(request.viewer, request.query),
  );
  app.get('/nicknames', { schema: queue('Nicknames held for review; oldest first', ModerationNickname) }, async (request) =>
    moderation.nicknameQueue(request.viewer, request.query),
  );
  app.get('/bans', { schema: queue('Banned accounts; newest ban first', ModerationBan) }, async (request) =>
    moderation.banList(request.viewer, request.query),
  );
  app.get('/actions', { schema: queue('The audit log of moderator decisions; newest first', ModerationLogEntry) }, async (request) =>
    moderation.actionLog(request.viewer, request.query),
  );

  app.get(
    '/media/:id/content',
    {
      schema: {
        tags,
        summary: 'The bytes of any image, public or not',
        params: MediaIdParams,
        response: { 200: Type.Unknown({ description: 'The image' }), ...errors },
      },
    },
    async (request, reply) => {
      const content = await media.publicContent(request.params.id, requireModerator(request.viewer));
      return reply
        .code(200)
        .header('content-type', content.mimeType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(content.bytes);
    },
  );

  app.post(
    '/posts/:id/approve',
    { schema: { ...decision('Pass the text and held images; pending images keep it checking'), params: IdParams } },
    async (request) => moderation.approvePost(request.viewer, request.params.id),
  );
  app.post(
    '/posts/:id/reject',
    { schema: { ...decision('Reject; the reason is shown to the author'), params: IdParams, body: ModerationReasonBody } },
    async (request) => moderation.rejectPost(request.viewer, request.params.id, request.body.reason),
  );

  app.post('/comments/:id/approve', { schema: { ...decision('Publish a held comment'), params: IdParams } }, async (request) =>
    moderation.approveComment(request.viewer, request.params.id),
  );
  app.post(
    '/comments/:id/reject',
    { schema: { ...decision('Reject; the reason is shown to the author'), params: IdParams, body: ModerationReasonBody } },
    async (request) => moderation.rejectComment(request.viewer, request.params.id, request.body.reason),
  );

  app.post('/media/:id/approve', { schema: { ...decision('Approve an image'), params: MediaIdParams } }, async (request) =>
    moderation.decideMedia(request.viewer, request.params.id, 'approved'),
  );
  app.post(
    '/media/:id/reject',
    { schema: { ...decision('Reject an image'), params: MediaIdParams, body: ModerationReasonBody } },
    async (request) => moderation.decideMedia(request.viewer, request.params.id, 'rejected', request.body.reason),
  );

  app.post(
    '/nicknames/:userId/approve',
    { schema: { ...decision('Publish the held nickname'), params: ModerationUserParams } },
    async (request) => moderation.decideNickname(request.viewer, request.params.userId, true),
  );
  app.post(
    '/nicknames/:userId/reject',
    { schema: { ...decision('Drop the held nickname; the old one stays'), params: ModerationUserParams } },
    async (request) => moderation.decideNickname(request.viewer, request.params.userId, false),
  );

  app.post(
    '/reports/:id/resolve',
    {
      schema: {
        ...decision('Resolve every open report on that content; remove_content also rejects it'),
        params: IdParams,
        body: ResolveReportBody,
      },
    },
    async (request) => moderation.resolveReport(request.viewer, request.params.id, request.body),
  );

  app.post(
    '/users/:id/ban',
    { schema: { ...decision('Ban: sessions revoked, writing refused; not for moderators'), params: IdParams, body: ModerationReasonBody } },
    async (request) => moderation.ban(request.viewer, request.params.id, request.body.reason),
  );
  app.post('/users/:id/unban', { schema: { ...decision('Lift a ban'), params: IdParams } }, async (request) =>
    moderation.unban(request.viewer, request.params.id),
  );
};

export default moderationRoutes;
