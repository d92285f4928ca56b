/**
 * A tiny cookie-keeping client for the console over `inject`: what a browser does with its cookies
 * and the CSRF token in each page, so the route tests read like a user's steps.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../../support/server/test-app';

export interface ConsoleClient {
  cookies: Map<string, string>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  /** Posts a form; `_csrf` is the token of the last page read unless given. */
  post(url: string, form: Record<string, string>, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  csrf: string;
}

export function csrfTokenIn(body: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? /name="csrf-token" content="([^"]+)"/.exec(body)?.[1] ?? '';
}

export function consoleClient(t: TestApp): ConsoleClient {
  const cookies = new Map<string, string>();
  const remember = (response: LightMyRequestResponse) => {
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
      else cookies.set(c.name, c.value);
    }
    if ((response.headers['content-type'] ?? '').toString().startsWith('text/html')) {
      const token = csrfTokenIn(response.body);
      if (token) client.csrf = token;
    }
    return response;
  };
  const cookieHeader = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const client: ConsoleClient = {
    cookies,
    csrf: '',
    async get(url, headers = {}) {
      return remember(await t.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(), ...headers } }));
    },
    async post(url, form, headers = {}) {
      const payload = new URLSearchParams({ _csrf: client.csrf, ...form }).toString();
      return remember(
        await t.app.inject({
          method: 'POST',
          url,
          payload,
          headers: { cookie: cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
        }),
      );
    },
  };
  return client;
}

export async function logIn(t: TestApp, name: string, password: string): Promise<ConsoleClient> {
  const client = consoleClient(t);
  await client.get('/console/login');
  const response = await client.post('/console/login', { name, password });
  if (response.statusCode !== 303) throw new Error(`console login failed: ${response.statusCode} ${response.body.slice(0, 200)}`);
  return client;
}
