/**
 * Journey (d): a member posts with a photo. The post waits (审核中) until WeChat's asynchronous
 * image check pushes its verdict to the server, then it is public with its image.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { component, currentPage, elements, go, tap, text, type, waitUntil } from './support/elements';
import { becomeMember } from './support/member';
import { useMiniProgram } from './support/mini-program';

let scratch: string;

const app = useMiniProgram();
beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'e2e-photo-'));
});
afterAll(() => fs.rm(scratch, { recursive: true, force: true }));

it('(d) a post with an image is 审核中 until the pushed verdict, then public', async () => {
  await becomeMember(app.miniProgram, '拍花的人');

  // The album picker is native UI: answer it with a real photo file.
  const photo = path.join(scratch, 'garden.png');
  await fs.writeFile(
    photo,
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#6a4' } })
      .png()
      .toBuffer(),
  );
  await app.miniProgram.mockWxMethod('chooseMedia', {
    type: 'image',
    tempFiles: [{ tempFilePath: photo, size: 1024, fileType: 'image', width: 64, height: 48 }],
  });

  const forum = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  await tap(forum, '#compose-button');
  const compose = await currentPage(app.miniProgram, 'pages/compose/index');
  await type(compose, '.compose__title', '楼下花园的月季开了');
  await type(compose, '.compose__body', '早上路过拍了一张，颜色特别好看。');
  await tap(await component(compose, '#compose-images'), '#add-image');
  expect(await elements(await component(compose, '#compose-images'), '.image-grid__image')).toHaveLength(1);
  await tap(compose, '#compose-submit');
  expect(await text(compose, '.compose__result-title')).toBe('审核中');
  await app.miniProgram.restoreWxMethod('chooseMedia');

  // The fake WeChat pushes a pass shortly after; the post then reaches the public feed, image and all.
  const feed = await go(app.miniProgram, 'switchTab', '/pages/forum/index');
  await waitUntil('the post to be published after the image verdict', async () => {
    await app.miniProgram.callWxMethod('startPullDownRefresh');
    const titles = await Promise.all((await elements(feed, '.forum__feed .forum__card')).map((card) => text(card, '.post-card__title')));
    return titles.includes('楼下花园的月季开了');
  });
  const card = (await elements(feed, '.forum__feed .forum__card'))[0];
  await tap(card, '.post-card');
  const post = await currentPage(app.miniProgram, 'pages/post/index');
  const images = await elements(await component(post, '#post-images'), '.image-grid__image');
  expect(images).toHaveLength(1);
  expect(await images[0].attribute('src')).toMatch(/\/media\/[\w-]+$/);
});
