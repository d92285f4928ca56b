/**
 * The moderators' web console at /console: server-rendered pages, forms that work without script,
 * and one small script (assets/console.js) for keyboard triage. Registered only when
 * config.console.enabled. Cookies, form bodies and CSRF tokens are handled by Fastify's own
 * plugins, registered inside this plugin only, so the JSON API is untouched by them.
 *
 * Everything here is HTML for browsers, so the routes are hidden from the OpenAPI document.
 */
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyError } from 'fastify';
import { AppError } from '../../lib/app-error';
import { perMinute } from '../../plugins/rate-limits';
import { CONSOLE_CSP, CSRF_COOKIE, SESSION_COOKIE, cookieOptions, sendPage, wantsJson, type ConsoleRoutesOptions } from './console-http';

export type { ConsoleRoutesOptions } from './console-http';
import consoleWorkRoutes from './console-work.routes';
import { errorPage } from './views/layout';
import { loginPage } from './views/login';

/** assets/ beside this file under tsx and jest; console-assets/ beside the bundle (scripts/build.mjs copies it). */
function assetDir(): string {
  const candidates = [path.join(__dirname, 'assets'), path.join(__dirname, 'console-assets')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'console.js')));
  if (!found) throw new Error(`console assets not found in ${candidates.join(' or ')}`);
  return found;
}

const LoginBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
  _csrf: Type.Optional(Type.String({ maxLength: 200 })),
});

function messageFor(error: FastifyError | AppError): { status: number; code: string; message: string } {
  if (error instanceof AppError) return { status: error.statusCode, code: error.code, message: error.userMessage };
  const status = error.statusCode ?? 500;
  if (error.code?.startsWith('FST_CSRF')) return { status: 403, code: 'csrf', message: '页面已过期，请刷新页面后重试' };
  if (status === 429) return { status, code: 'rate_limited', message: '操作太频繁，请稍后再试' };
  if (error.validation || status === 400 || status === 415) return { status: 400, code: 'bad_request', message: '提交的内容不正确' };
  if (status === 404) return { status, code: 'not_found', message: '页面不存在' };
  if (status < 500) return { status, code: 'refused', message: '无法完成此操作' };
  return { status: 500, code: 'internal', message: '服务出错了，请稍后再试' };
}

const consoleRoutes: FastifyPluginAsyncTypebox<ConsoleRoutesOptions> = async (app, options) => {
  const accounts = app.services.consoleAccounts;
  const dir = assetDir();
  const assets = {
    'console.js': { body: fs.readFileSync(path.join(dir, 'console.js')), type: 'text/javascript; charset=utf-8' },
    'console.css': { body: fs.readFileSync(path.join(dir, 'console.css')), type: 'text/css; charset=utf-8' },
  };

  await app.register(cookie);
  await app.register(formBody, { bodyLimit: 16 * 1024 });
  await app.register(csrf, { sessionPlugin: '@fastify/cookie', cookieKey: CSRF_COOKIE, cookieOpts: cookieOptions(options.secureCookies) });

  // After the app-wide security headers (registered first), so these replace its API-only CSP.
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.header('content-security-policy', CONSOLE_CSP);
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('cross-origin-resource-policy', 'same-origin');
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const { status, code, message } = messageFor(error);
    if (status >= 500) request.log.error({ err: error }, 'console request failed');
    if (wantsJson(request)) return reply.code(status).send({ code, message });
    return sendPage(reply, errorPage(message, { csrfToken: reply.generateCsrf() }), status);
  });
  app.setNotFoundHandler((_request, reply) => sendPage(reply, errorPage('页面不存在', { csrfToken: reply.generateCsrf() }), 404));

  app.get(
    '/assets/:file',
    { schema: { hide: true, params: Type.Object({ file: Type.String({ maxLength: 40 }) }) } },
    async (request, reply) => {
      const asset = assets[request.params.file as keyof typeof assets];
      if (!asset) throw new AppError(404, 'not_found', '页面不存在', `no console asset ${request.params.file}`);
      return reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body);
    },
  );

  app.get('/login', { schema: { hide: true } }, async (_request, reply) => sendPage(reply, loginPage({ csrfToken: reply.generateCsrf() })));

  app.post(
    '/login',
    {
      schema: { hide: true, body: LoginBody },
      // Per address and account name, on the shared limiter; refused while Redis is down rather than counted per instance.
      config: perMinute(
        options.loginsPerMinute,
        (request) => `console-login:${request.ip}:${(request.body as { name?: string })?.name ?? ''}`,
        {
          failClosed: true,
        },
      ),
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      try {
        const { sessionId } = await accounts.login(request.body.name, request.body.password);
        void reply.setCookie(SESSION_COOKIE, sessionId, cookieOptions(options.secureCookies));
        return reply.redirect('/console', 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.statusCode !== 401) throw error;
        return sendPage(reply, loginPage({ csrfToken: reply.generateCsrf() }, error.userMessage), 401);
      }
    },
  );

  // Only the HTTP settings: passing `options` whole would repeat the /console prefix.
  await app.register(consoleWorkRoutes, { secureCookies: options.secureCookies, loginsPerMinute: options.loginsPerMinute });
};

export default consoleRoutes;
