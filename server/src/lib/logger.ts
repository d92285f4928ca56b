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

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = { level: config.logLevel, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}
