/**
 * Malformed uploads (issue 12, item 3): multipart without a boundary, cut short or garbage is a
 * 400 in the project's error shape, and a guest is refused before the server reads the body.
 */
import { Readable } from 'node:stream';
import { createTestApp, type TestApp } from '../../support/server/test-app';

let t: TestApp;
let member: string;
beforeAll(async () => {
  t = await createTestApp();
  member = (await t.loginAsMember('上传的人')).accessToken;
});
afterAll(() => t.close());

const boundary = '----fuzzboundary';
const head = `--${boundary}\r\ncontent-disposition: form-data; name="purpose"\r\n\r\npost_image\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\ncontent-type: image/png\r\n\r\n`;

describe('malformed multipart on POST /media', () => {
  const cases: Array<[string, string, string | Buffer]> = [
    ['no boundary', 'multipart/form-data', head],
    ['empty boundary', 'multipart/form-data; boundary=', head],
    ['cut-short body', `multipart/form-data; boundary=${boundary}`, head + '\x89PNG\r\n'],
    ['garbage body', `multipart/form-data; boundary=${boundary}`, Buffer.from('garbage\r\n\r\n--nope')],
    ['headers cut short', `multipart/form-data; boundary=${boundary}`, `--${boundary}\r\ncontent-disposition: form-da`],
    ['empty body', `multipart/form-data; boundary=${boundary}`, ''],
  ];

  it.each(cases)('%s is a 400, no unhandled error', async (_name, contentType, payload) => {
    const response = await t.request({ method: 'POST', url: '/media', token: member, headers: { 'content-type': contentType }, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(t.logs.join('')).not.toContain('unhandled error');
  });

  it('refuses a guest with 401 before reading the 5 MB body', async () => {
    let sent = 0;
    const total = 5 * 1024 * 1024;
    const body = new Readable({
      read() {
        if (sent >= total) {
          this.push(null);
          return;
        }
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    body.push(head);
    const response = await t.request({
      method: 'POST',
      url: '/media',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    expect(response.statusCode).toBe(401);
    // A stream is pulled by whoever reads it: far less than the whole body was asked for.
    expect(sent).toBeLessThan(1024 * 1024);
  });
});
