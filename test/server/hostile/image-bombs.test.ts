/**
 * Decompression and size bombs (issue 12, item 7): a PNG declaring 16000×16000 pixels and a
 * 500-frame GIF are refused before decoding, with nothing stored; big photos are scaled to fit
 * a phone before they are stored or shown to WeChat's checker.
 */
import zlib from 'node:zlib';
import sharp from 'sharp';
import { inspectImage, MAX_EDGE } from '../../../server/src/modules/media/image-inspection';
import { createTestApp, type TestApp } from '../../support/server/test-app';

/** A real, valid PNG whose header declares width × height (the pixels are never sent). */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(
    await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
      .png()
      .toBuffer(),
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(zlib.crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A GIF89a of `frames` 1×1 frames. */
function gifOf(frames: number): Buffer {
  const parts = [Buffer.from('GIF89a'), Buffer.from([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255])];
  parts.push(Buffer.from([0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0'), 3, 1, 0, 0, 0]));
  for (let i = 0; i < frames; i++)
    parts.push(Buffer.from([0x21, 0xf9, 4, 0, 10, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0]));
  parts.push(Buffer.from([0x3b]));
  return Buffer.concat(parts);
}

describe('inspectImage', () => {
  it('refuses a PNG declaring 16000×16000 pixels, fast', async () => {
    const started = Date.now();
    await expect(inspectImage(await pngDeclaring(16000, 16000))).rejects.toMatchObject({ statusCode: 413, code: 'image_too_large' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses a 500-frame GIF, fast, and still accepts an ordinary GIF', async () => {
    const started = Date.now();
    await expect(inspectImage(gifOf(500))).rejects.toMatchObject({ statusCode: 413, code: 'image_too_large' });
    expect(Date.now() - started).toBeLessThan(500);
    const ordinary = await sharp({ create: { width: 30, height: 30, channels: 3, background: '#f00' } })
      .gif()
      .toBuffer();
    await expect(inspectImage(ordinary)).resolves.toMatchObject({ mimeType: 'image/gif' });
  });

  it('scales a large photo to fit the maximum edge, keeping its aspect', async () => {
    const photo = await sharp({ create: { width: 4000, height: 1000, channels: 3, background: '#4a7' } })
      .jpeg()
      .toBuffer();
    const image = await inspectImage(photo);
    expect({ width: image.width, height: image.height }).toEqual({ width: MAX_EDGE, height: MAX_EDGE / 4 });
    const stored = await sharp(image.bytes).metadata();
    expect(stored.width).toBe(MAX_EDGE);
  });
});

describe('POST /media', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses the 16000×16000 PNG with 413 and keeps nothing', async () => {
    const member = (await t.loginAsMember('炸弹测试')).accessToken;
    const boundary = 'bomb';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="purpose"\r\n\r\npost_image\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\ncontent-type: image/png\r\n\r\n`,
      ),
      await pngDeclaring(16000, 16000),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await t.request({
      method: 'POST',
      url: '/media',
      token: member,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'image_too_large' });
    const rows = await t.database.handle.db.selectFrom('media').select('id').execute();
    expect(rows).toEqual([]);
  });
});
