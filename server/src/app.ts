/**
 * Builds the Fastify app from its dependencies (configuration, database, WeChat client), so the
 * server, the development launcher and the tests assemble exactly the same thing.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { createAppServices } from './app-services';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import { createJobRunner, type JobRunner } from './jobs/job-runner';
import { createLogger } from './lib/logger';
import { fastifyTrustProxy } from './lib/trust-proxy';
import authRoutes from './modules/auth/auth.routes';
import consoleRoutes from './modules/console/console.routes';
import forumRoutes from './modules/forum/forum.routes';
import meRoutes from './modules/me/me.routes';
import { createConfiguredMediaStore } from './modules/media/configured-media-store';
import type { MediaStore } from './modules/media/media-store';
import mediaRoutes from './modules/media/media.routes';
import contentCheckProbeRoutes from './modules/moderation/content-check-probe.routes';
import moderationRoutes from './modules/moderation/moderation.routes';
import pushRoutes from './modules/wechat-push/push.routes';
import authenticate from './plugins/authenticate';
import errorHandler from './plugins/error-handler';
import health from './plugins/health';
import jsonBody from './plugins/json-body';
import openapi from './plugins/openapi';
import rateLimits from './plugins/rate-limits';
import redis from './plugins/redis';
import securityHeaders from './plugins/security-headers';
import loadShedding from './plugins/under-pressure';
import textGuard from './plugins/text-guard';
import type { WeChatClient } from './wechat/types';

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  wechat: WeChatClient;
  logger?: Logger;
  /** Defaults to what MEDIA_STORE says: local disk under config.media.dir, or S3. */
  mediaStore?: MediaStore;
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobRunner;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const app = Fastify({
    loggerInstance: (deps.logger ?? createLogger(config)) as FastifyBaseLogger,
    // Forwarding headers only from the proxies TRUST_PROXY names (lib/trust-proxy.ts), so per-address limits hold.
    trustProxy: fastifyTrustProxy(config.trustProxy),
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 10_000,
    bodyLimit: 64 * 1024,
    // One log line per request, at its end (below), not Fastify's two: the bench's profile had
    // request logging (pino and its redaction) at ~9 % of a read's CPU, half of it the
    // "incoming request" line that repeats what the closing line says.
    logController: new LogController({ disableRequestLogging: true }),
    // A path Fastify cannot decode (/posts/%ff) answers in the project's error shape, not Fastify's.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as FastifyReply).status(400).send({ code: 'bad_url', message: '请求地址不正确' });
    },
    // Unknown body fields are stripped, so a client can never set status, author or role.
    ajv: { customOptions: { removeAdditional: 'all', coerceTypes: 'array', useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const configuredStore = deps.mediaStore ? undefined : createConfiguredMediaStore(config.media, app.log);
  if (configuredStore?.close) app.addHook('onClose', async () => configuredStore.close?.());
  const { services, jobHandlers, recurringJobs } = createAppServices({
    config,
    db: database.db,
    wechat: deps.wechat,
    logger: app.log,
    mediaStore: deps.mediaStore ?? configuredStore!,
    kickJobs: () => app.jobs.kick(),
  });
  app.decorate('services', services);
  app.decorate(
    'jobs',
    createJobRunner({
      handle: database,
      handlers: jobHandlers,
      recurring: recurringJobs,
      logger: app.log,
      ...config.contentRecheck,
      ...config.jobs,
    }),
  );
  app.addHook('onClose', async () => app.jobs.stop());
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({ req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, 'request completed');
  });

  await app.register(errorHandler, { exposeDetail: config.env !== 'production' });
  await app.register(loadShedding, {
    maxEventLoopDelayMs: config.operations.maxEventLoopDelayMs,
    sampleIntervalMs: config.operations.pressureSampleIntervalMs,
  });
  await app.register(securityHeaders);
  await app.register(redis, { url: config.redisUrl });
  await app.register(jsonBody);
  await app.register(textGuard);
  await app.register(openapi, { serveUi: config.openApiDocs });
  await app.register(authenticate);
  await app.register(rateLimits, { redisKeyPrefix: config.redisKeyPrefix });

  await app.register(health, { db: database.db });
  await app.register(authRoutes, config.rateLimits);
  await app.register(meRoutes, config.rateLimits);
  await app.register(forumRoutes, config.rateLimits);
  await app.register(mediaRoutes, { maxBytes: config.media.maxBytes, uploadsPerMinute: config.rateLimits.uploadsPerMinute });
  await app.register(pushRoutes);
  await app.register(moderationRoutes, { prefix: '/moderation' });
  await app.register(contentCheckProbeRoutes, { prefix: '/moderation' });
  if (config.console.enabled) {
    await app.register(consoleRoutes, {
      prefix: '/console',
      secureCookies: config.env === 'production',
      loginsPerMinute: config.console.loginsPerMinute,
    });
  }
  return app;
}
