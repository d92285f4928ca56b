/**
 * The pino logger. Request logs carry method, URL and status only (Fastify's defaults); the
 * redaction list is a second line of defence so that tokens, passwords, login codes and WeChat
 * secrets never reach a log even if someone logs a whole request or options object.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  '*.password',
  '*.refreshToken',
  '*.accessToken',
  '*.code',
  '*.session_key',
  '*.secret',
  '*.appSecret',
  '*.access_token',
];

/**
 * Query parameters that authenticate a message push or name a WeChat user: a logged push URL
 * could be replayed within its timestamp window, and the openid is personal data.
 */
const SECRET_QUERY = /([?&])(signature|msg_signature|openid|timestamp|nonce|echostr)=[^&#]*/gi;

/** The image-check URL is a capability (whoever has it can download a pending image): keep it out of logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/media\/check\/[^/?#]+/, '/media/check/[redacted]').replace(SECRET_QUERY, '$1$2=[redacted]');
}

interface RequestLike {
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  ip?: string;
}

function serializeRequest(request: RequestLike) {
  return { method: request.method, url: redactUrl(request.url ?? ''), host: request.headers?.host, remoteAddress: request.ip };
}

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: serializeRequest },
  };
  return destination ? pino(options, destination) : pino(options);
}
