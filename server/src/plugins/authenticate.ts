/**
 * Resolves `request.viewer` from the Bearer access token on every request. No token: a guest
 * (public reads need none). A token that is expired, tampered, of the wrong type or whose
 * session was revoked: 401, so the client refreshes instead of silently reading as someone else.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/database';
import { unauthorized } from '../lib/app-error';
import { InvalidAccessTokenError, type AccessTokens } from '../modules/auth/access-tokens';
import { findLiveSession } from '../modules/auth/sessions.repository';
import type { Viewer } from '../modules/auth/viewer';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export default fp(async function authenticate(app: FastifyInstance, options: { db: Db; accessTokens: AccessTokens }) {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer ([\w.-]+)$/.exec(header);
    if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <accessToken>"', 'invalid_access_token');
    let claims;
    try {
      claims = options.accessTokens.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw unauthorized(error.message, 'invalid_access_token');
      throw error;
    }
    const session = await findLiveSession(options.db, claims.sessionId);
    if (!session || session.user.id !== claims.userId) throw unauthorized('session revoked or user deleted', 'invalid_access_token');
    request.viewer = { user: session.user, sessionId: claims.sessionId, wechatOpenid: session.wechatOpenid };
  });
});
