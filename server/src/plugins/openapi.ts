/** The OpenAPI description generated from the route schemas; served with a UI at /docs in development. */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(async function openapi(app: FastifyInstance, options: { serveUi: boolean }) {
  await app.register(swagger, {
    openapi: {
      info: { title: 'Community starter API', version: '0.1.0', description: 'Reference backend of the mini program community starter.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  if (options.serveUi) await app.register(swaggerUi, { routePrefix: '/docs' });
});
