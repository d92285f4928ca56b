import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

it('describes every route with its request and response schemas', () => {
  const spec = t.app.swagger() as unknown as {
    openapi: string;
    paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
  };
  expect(spec.openapi).toMatch(/^3\./);
  for (const path of [
    '/auth/wechat',
    '/auth/refresh',
    '/auth/password',
    '/me',
    '/boards',
    '/posts',
    '/posts/{id}',
    '/posts/{id}/comments',
    '/comments/{id}',
    '/reports',
  ]) {
    expect(spec.paths[path]).toBeDefined();
  }
  expect(spec.paths['/posts']!.post!.requestBody).toBeDefined();
  expect(Object.keys(spec.paths['/posts']!.post!.responses)).toEqual(expect.arrayContaining(['201', '401', '422', '429']));
});

it('serves no docs UI outside development', async () => {
  expect((await t.request({ method: 'GET', url: '/docs' })).statusCode).toBe(404);
});
