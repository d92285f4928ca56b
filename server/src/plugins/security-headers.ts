/**
 * Security headers on every response. The API serves JSON and images only, so nothing of it should
 * be sniffed into another type, framed or given a referrer; uploaded images especially must never
 * be run as HTML or script (nosniff plus a CSP that allows nothing). The development API docs
 * (/docs, Swagger UI) need scripts, so they keep their own. HSTS belongs to the TLS terminator
 * (deploy/nginx).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(async function securityHeaders(app: FastifyInstance) {
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'no-referrer');
    if (!request.url.startsWith('/docs')) void reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
    return payload;
  });
});
