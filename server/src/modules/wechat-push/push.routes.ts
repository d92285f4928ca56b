/**
 * WeChat's message push (消息推送): the URL configured in the admin console. GET proves we own
 * the URL; POST delivers events such as wxa_media_check, in plaintext or safe (AES) mode.
 * Nothing is trusted before its signature and timestamp check out (push.service.ts); the event is
 * queued and acknowledged with `success` at once (WeChat retries after 5 s), and applied by a job.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';

const SignedQuery = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 64 })),
  timestamp: Type.String({ pattern: '^\\d{1,12}$' }),
  nonce: Type.String({ maxLength: 64 }),
  echostr: Type.Optional(Type.String({ maxLength: 512 })),
  encrypt_type: Type.Optional(Type.String({ maxLength: 16 })),
  msg_signature: Type.Optional(Type.String({ maxLength: 64 })),
  openid: Type.Optional(Type.String({ maxLength: 64 })),
});
const PlainText = Type.String();

const pushRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { push } = app.services;

  // The body is either the event itself (plaintext) or {ToUserName, Encrypt} (safe mode): read raw, verify, then parse.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    ['application/json', 'text/plain', 'text/xml', 'application/xml'],
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/wechat/push',
    { schema: { hide: true, querystring: SignedQuery, response: { 200: PlainText, 401: PlainText } } },
    async (request, reply) => {
      const echo = push.verifyUrl(request.query);
      if (echo === null) {
        request.log.warn('message push verification with a bad signature');
        return reply.status(401).type('text/plain').send('invalid signature');
      }
      return reply.type('text/plain').send(echo);
    },
  );

  app.post(
    '/wechat/push',
    { schema: { hide: true, querystring: SignedQuery, response: { 200: PlainText, 401: PlainText } } },
    async (request, reply) => {
      const outcome = await push.receive(request.query, String(request.body ?? ''));
      if (!outcome.accepted) {
        request.log.warn({ why: outcome.why }, 'message push refused');
        return reply.status(401).type('text/plain').send('invalid request');
      }
      return reply.type('text/plain').send('success');
    },
  );
};

export default pushRoutes;
