/**
 * WeChat's message push (消息推送): the URL configured in the admin console. GET proves we own
 * the URL; POST delivers events such as wxa_media_check, in plaintext or safe (AES) mode.
 * Nothing is trusted before its signature and timestamp check out; the event is queued and
 * acknowledged with `success` at once (WeChat retries after 5 s), and applied by a job.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Config } from '../../config';
import type { Db } from '../../db/database';
import { isValidMsgSignature, isValidUrlSignature, decryptPushMessage, PushCryptoError } from '../../wechat/push-crypto';
import { enqueueMediaVerdict } from '../media/media-check.jobs';
import { parseMediaCheckEvent } from './push-events';

const SignedQuery = Type.Object({
  signature: Type.Optional(Type.String({ maxLength: 64 })),
  timestamp: Type.String({ pattern: '^\\d{1,12}$' }),
  nonce: Type.String({ maxLength: 64 }),
  echostr: Type.Optional(Type.String({ maxLength: 512 })),
  encrypt_type: Type.Optional(Type.String({ maxLength: 16 })),
  msg_signature: Type.Optional(Type.String({ maxLength: 64 })),
  openid: Type.Optional(Type.String({ maxLength: 64 })),
});

const pushRoutes: FastifyPluginAsyncTypebox<{ push: Config['push']; appId: string; db: Db }> = async (app, options) => {
  const { token, encodingAesKey, maxClockSkewSeconds } = options.push;
  const fresh = (timestamp: string) => Math.abs(Date.now() / 1000 - Number(timestamp)) <= maxClockSkewSeconds;

  // The body is either the event itself (plaintext) or {ToUserName, Encrypt} (safe mode): read raw, verify, then parse.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain', 'text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  app.get('/wechat/push', { schema: { hide: true, querystring: SignedQuery } }, async (request, reply) => {
    const { signature, timestamp, nonce, echostr } = request.query;
    if (!echostr || !isValidUrlSignature(token, timestamp, nonce, signature)) {
      request.log.warn('message push verification with a bad signature');
      return reply.status(401).type('text/plain').send('invalid signature');
    }
    return reply.type('text/plain').send(echostr);
  });

  app.post('/wechat/push', { schema: { hide: true, querystring: SignedQuery } }, async (request, reply) => {
    const { signature, timestamp, nonce, encrypt_type: encryptType, msg_signature: msgSignature } = request.query;
    const reject = (why: string) => {
      request.log.warn({ why }, 'message push refused');
      return reply.status(401).type('text/plain').send('invalid request');
    };
    if (!fresh(timestamp)) return reject('stale or future timestamp');
    let message: unknown;
    try {
      const outer: unknown = JSON.parse(String(request.body ?? ''));
      if (encryptType === 'aes') {
        const encrypt = (outer as { Encrypt?: unknown } | null)?.Encrypt;
        if (typeof encrypt !== 'string' || !isValidMsgSignature(token, timestamp, nonce, encrypt, msgSignature)) return reject('bad msg_signature');
        message = JSON.parse(decryptPushMessage(encodingAesKey, encrypt, options.appId));
      } else {
        if (!isValidUrlSignature(token, timestamp, nonce, signature)) return reject('bad signature');
        message = outer;
      }
    } catch (error) {
      return reject(error instanceof PushCryptoError ? `decryption failed: ${error.message}` : 'body is not JSON');
    }

    const event = parseMediaCheckEvent(message);
    if (event) {
      await enqueueMediaVerdict(options.db, event);
      app.jobs.kick();
    }
    return reply.type('text/plain').send('success');
  });
};

export default pushRoutes;
