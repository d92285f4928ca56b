/**
 * The console behind its login: pages that read the moderation service, and decisions that go
 * through the very same service methods (and so the same audit trail) as the mini program's
 * moderation API. The session comes only from the console's own cookie: a member's or the
 * reviewer's bearer token means nothing here. Every POST carries a CSRF token.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  IdParams,
  MediaIdParams,
  ModerationActionKind,
  ModerationTargetType,
  ModerationUserParams,
  type ModerationResult,
} from '@wx-community-starter/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/app-error';
import type { ActionFilter } from '../moderation/moderation.service';
import type { ConsoleSession } from './console-accounts.service';
import { SESSION_COOKIE, backTo, cookieOptions, sendPage, wantsJson, type ConsoleRoutesOptions } from './console-http';
import { auditPage } from './views/audit';
import { dashboardPage } from './views/dashboard';
import type { PageContext } from './views/layout';
import { commentQueuePage, mediaQueuePage, nicknameQueuePage, postQueuePage, reportQueuePage } from './views/queues';
import { userPage } from './views/user';

declare module 'fastify' {
  interface FastifyRequest {
    consoleSession?: ConsoleSession;
  }
}

const QUEUE_PAGE_SIZE = 25;
const Reason = Type.String({ minLength: 1, maxLength: 100 });
const DecisionBody = Type.Object({ _csrf: Type.Optional(Type.String()), back: Type.Optional(Type.String({ maxLength: 200 })) });
const ReasonBody = Type.Object({ ...DecisionBody.properties, reason: Type.Optional(Reason) });
const ResolveBody = Type.Object({
  ...ReasonBody.properties,
  action: Type.Union([Type.Literal('none'), Type.Literal('remove_content')]),
});
const CursorQuery = Type.Object({ cursor: Type.Optional(Type.String({ maxLength: 64 })) });
const AuditQuery = Type.Object({
  cursor: Type.Optional(Type.String({ maxLength: 64 })),
  action: Type.Optional(Type.Union([ModerationActionKind, Type.Literal('')])),
  targetType: Type.Optional(Type.Union([ModerationTargetType, Type.Literal('')])),
  targetId: Type.Optional(Type.String({ maxLength: 64 })),
  moderatorId: Type.Optional(Type.String({ maxLength: 12, pattern: '^[0-9]{0,12}$' })),
});

const consoleWorkRoutes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, options) => {
  const { consoleAccounts: accounts, moderation, media } = app.services;

  // Before the body is read: without a live session nothing else runs.
  app.addHook('onRequest', async (request, reply) => {
    const cookieValue = request.cookies[SESSION_COOKIE];
    const session = cookieValue ? await accounts.resume(cookieValue) : null;
    if (session) {
      request.consoleSession = session;
      return;
    }
    if (cookieValue) void reply.clearCookie(SESSION_COOKIE, cookieOptions(options.secureCookies));
    if (request.method === 'GET' && !wantsJson(request)) return reply.redirect('/console/login', 303);
    throw new AppError(401, 'console_login_required', '登录已过期，请重新登录管理后台', 'no live console session');
  });

  const viewer = (request: FastifyRequest) => request.consoleSession!.viewer;
  const context = (request: FastifyRequest, reply: FastifyReply): PageContext => ({
    csrfToken: reply.generateCsrf(),
    accountName: request.consoleSession!.accountName,
  });

  /** A decision answers JSON to console.js, or sends a browser without script back to its queue. */
  const answer = (request: FastifyRequest<{ Body: { back?: string } }>, reply: FastifyReply, result: ModerationResult) =>
    wantsJson(request) ? reply.send(result) : reply.redirect(backTo(request.body.back), 303);

  const hide = { hide: true };
  const post = { preHandler: app.csrfProtection };

  app.post('/logout', { schema: { ...hide, body: DecisionBody }, ...post }, async (request, reply) => {
    await accounts.logout(request.consoleSession!);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(options.secureCookies));
    return reply.redirect('/console/login', 303);
  });

  app.get('/', { schema: hide }, async (request, reply) =>
    sendPage(reply, dashboardPage(await moderation.overview(viewer(request)), context(request, reply))),
  );

  const page = (request: FastifyRequest<{ Querystring: { cursor?: string } }>) => ({
    cursor: request.query.cursor,
    limit: QUEUE_PAGE_SIZE,
  });
  app.get('/posts', { schema: { ...hide, querystring: CursorQuery } }, async (request, reply) =>
    sendPage(reply, postQueuePage(await moderation.postQueue(viewer(request), page(request)), context(request, reply))),
  );
  app.get('/comments', { schema: { ...hide, querystring: CursorQuery } }, async (request, reply) =>
    sendPage(reply, commentQueuePage(await moderation.commentQueue(viewer(request), page(request)), context(request, reply))),
  );
  app.get('/media', { schema: { ...hide, querystring: CursorQuery } }, async (request, reply) =>
    sendPage(reply, mediaQueuePage(await moderation.mediaQueue(viewer(request), page(request)), context(request, reply))),
  );
  app.get('/reports', { schema: { ...hide, querystring: CursorQuery } }, async (request, reply) =>
    sendPage(reply, reportQueuePage(await moderation.reportQueue(viewer(request), page(request)), context(request, reply))),
  );

  app.get('/nicknames', { schema: { ...hide, querystring: CursorQuery } }, async (request, reply) =>
    sendPage(reply, nicknameQueuePage(await moderation.nicknameQueue(viewer(request), page(request)), context(request, reply))),
  );

  app.get('/media/:id', { schema: { ...hide, params: MediaIdParams } }, async (request, reply) => {
    const content = await media.publicContent(request.params.id, viewer(request));
    return reply.type(content.mimeType).header('cache-control', 'private, no-store').send(content.bytes);
  });

  app.get('/users/:id', { schema: { ...hide, params: IdParams } }, async (request, reply) =>
    sendPage(reply, userPage(await moderation.userSummary(viewer(request), request.params.id), context(request, reply))),
  );

  app.get('/audit', { schema: { ...hide, querystring: AuditQuery } }, async (request, reply) => {
    const q = request.query;
    const filter: ActionFilter = {
      ...(q.action ? { action: q.action } : {}),
      ...(q.targetType ? { targetType: q.targetType } : {}),
      ...(q.targetId ? { targetId: q.targetId } : {}),
      ...(q.moderatorId ? { moderatorId: Number(q.moderatorId) } : {}),
    };
    const log = await moderation.actionLog(viewer(request), { cursor: q.cursor, limit: 50 }, filter);
    return sendPage(reply, auditPage(log, filter, context(request, reply)));
  });

  app.post('/posts/:id/approve', { schema: { ...hide, params: IdParams, body: DecisionBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.approvePost(viewer(request), request.params.id)),
  );
  app.post('/posts/:id/reject', { schema: { ...hide, params: IdParams, body: ReasonBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.rejectPost(viewer(request), request.params.id, request.body.reason)),
  );
  app.post('/comments/:id/approve', { schema: { ...hide, params: IdParams, body: DecisionBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.approveComment(viewer(request), request.params.id)),
  );
  app.post('/comments/:id/reject', { schema: { ...hide, params: IdParams, body: ReasonBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.rejectComment(viewer(request), request.params.id, request.body.reason)),
  );
  app.post('/media/:id/approve', { schema: { ...hide, params: MediaIdParams, body: DecisionBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.decideMedia(viewer(request), request.params.id, 'approved')),
  );
  app.post('/media/:id/reject', { schema: { ...hide, params: MediaIdParams, body: ReasonBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.decideMedia(viewer(request), request.params.id, 'rejected', request.body.reason)),
  );
  app.post(
    '/nicknames/:userId/approve',
    { schema: { ...hide, params: ModerationUserParams, body: DecisionBody }, ...post },
    async (request, reply) => answer(request, reply, await moderation.decideNickname(viewer(request), request.params.userId, true)),
  );
  app.post(
    '/nicknames/:userId/reject',
    { schema: { ...hide, params: ModerationUserParams, body: DecisionBody }, ...post },
    async (request, reply) => answer(request, reply, await moderation.decideNickname(viewer(request), request.params.userId, false)),
  );
  app.post('/reports/:id/resolve', { schema: { ...hide, params: IdParams, body: ResolveBody }, ...post }, async (request, reply) =>
    answer(
      request,
      reply,
      await moderation.resolveReport(viewer(request), request.params.id, { action: request.body.action, reason: request.body.reason }),
    ),
  );
  app.post('/users/:id/ban', { schema: { ...hide, params: IdParams, body: ReasonBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.ban(viewer(request), request.params.id, request.body.reason)),
  );
  app.post('/users/:id/unban', { schema: { ...hide, params: IdParams, body: DecisionBody }, ...post }, async (request, reply) =>
    answer(request, reply, await moderation.unban(viewer(request), request.params.id)),
  );
};

export default consoleWorkRoutes;
