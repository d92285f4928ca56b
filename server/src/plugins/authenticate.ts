/**
 * Resolves `request.viewer` from the Bearer access token on every request. No token: a guest
 * (public reads need none). A token that is expired, tampered, of the wrong type or whose
 * session was revoked: 401, so the client refreshes instead of silently reading as someone else.
 * The auth service decides; this hook only reads the header.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { unauthorized } from '../lib/app-error';
import type { Viewer } from '../modules/auth/viewer';

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export default fp(async function authenticate(app: FastifyInstance) {
  const { auth } = app.services;
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) return;
    const match = /^Bearer ([\w.-]+)$/.exec(header);
    if (!match?.[1]) throw unauthorized('Authorization header must be "Bearer <accessToken>"', 'invalid_access_token');
    request.viewer = await auth.viewerFor(match[1]);
  });
});
