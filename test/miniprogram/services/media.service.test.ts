/**
 * @jest-environment node
 */
import { mediaUrl, uploadImage } from '../../../miniprogram/services/media.service';
import { installWxStub } from './wx-stub';

it('uploads multipart to POST /media with the purpose, and returns the pending media', async () => {
  const wx = installWxStub();
  wx.handler = (r) =>
    r.respond(201, {
      id: 'b5f0e2a4-0000-4000-8000-000000000000',
      purpose: 'post_image',
      status: 'pending',
      width: 800,
      height: 600,
      url: null,
    });
  const media = await uploadImage('wxfile://tmp/photo.jpg', 'post_image');
  expect(media).toMatchObject({ status: 'pending', url: null });
  expect(wx.requests[0]).toMatchObject({
    kind: 'upload',
    path: '/media',
    filePath: 'wxfile://tmp/photo.jpg',
    formData: { purpose: 'post_image' },
  });
});

it('resolves relative media URLs against the API base URL', () => {
  expect(mediaUrl('/media/abc')).toBe('http://127.0.0.1:3000/media/abc');
  expect(mediaUrl('https://cdn.example.com/a.jpg')).toBe('https://cdn.example.com/a.jpg');
  expect(mediaUrl(null)).toBeNull();
});
