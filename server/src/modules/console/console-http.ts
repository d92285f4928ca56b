/**
 * What every console route shares about HTTP: the session cookie and its flags, the CSP, telling
 * a script's fetch (JSON answers) from a plain form post (a page or a redirect), and where a form
 * may send the browser back to.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface ConsoleRoutesOptions {
  /** Secure cookies: true in production (behind TLS). */
  secureCookies: boolean;
  loginsPerMinute: number;
}

export const SESSION_COOKIE = 'console_session';
export const CSRF_COOKIE = 'console_csrf';
export const CONSOLE_PATH = '/console';

/**
 * Only this server's own files: no inline script or style, nothing framed or framing, forms only
 * to this origin. Images are the console's own /console/media routes.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function cookieOptions(secure: boolean) {
  return { path: CONSOLE_PATH, httpOnly: true, sameSite: 'strict' as const, secure };
}

/** console.js asks for JSON; a browser without script posts the form and gets a page. */
export function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

/** A console path the form named, never another site ("//evil", "/\\evil") or another part of this one. */
export function backTo(back: unknown): string {
  return typeof back === 'string' && /^\/console(\/[\w\-/?=&%.]*)?$/.test(back) && !back.includes('//') ? back : CONSOLE_PATH;
}

export function sendPage(reply: FastifyReply, page: { toString(): string }, status = 200) {
  return reply.code(status).type('text/html; charset=utf-8').send(page.toString());
}
