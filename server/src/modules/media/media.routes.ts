/** Image upload, public image bytes (approved only) and the expiring URL WeChat checks images from. */
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ApiError, MediaFetchParams, MediaIdParams, UploadedMedia, type MediaPurpose } from '@wx-community-starter/contract';
import { AppError } from '../../lib/app-error';
import { perMinute } from '../../plugins/rate-limits';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 413: ApiError, 415: ApiError, 429: ApiError };
const purposes: readonly string[] = ['post_image', 'avatar'];
const imageBytes = Type.Unknown({ description: 'The image (JPEG, PNG, WebP or GIF)' });

const mediaRoutes: FastifyPluginAsyncTypebox<{ maxBytes: number; uploadsPerMinute: number }> = async (app, options) => {
  const { media } = app.services;
  await app.register(multipart, { limits: { fileSize: options.maxBytes, files: 1, fields: 2, parts: 3 } });
  const tooLarge = () =>
    new AppError(
      413,
      'file_too_large',
      `图片不能超过 ${Math.floor(options.maxBytes / 1024 / 1024)}MB`,
      `upload exceeds ${options.maxBytes} bytes`,
    );

  // A body busboy cannot parse (no boundary, cut short, garbage) is the client's mistake.
  const malformed = (error: unknown) =>
    new AppError(
      400,
      'invalid_multipart',
      '上传失败，请重试',
      `malformed multipart body: ${error instanceof Error ? error.message : String(error)}`,
    );

  /** The one file part and its purpose (a field sent before the file), within the size limit. */
  async function readUpload(request: FastifyRequest): Promise<{ purpose: MediaPurpose; bytes: Buffer }> {
    if (!request.isMultipart()) throw new AppError(400, 'invalid_request', '上传失败，请重试', 'expected multipart/form-data');
    let file: Awaited<ReturnType<FastifyRequest['file']>>;
    try {
      file = await request.file();
    } catch (error) {
      if (error instanceof app.multipartErrors.RequestFileTooLargeError) throw tooLarge();
      throw malformed(error);
    }
    if (!file) throw new AppError(400, 'invalid_request', '请选择图片', 'no file part');
    const purposeField = file.fields.purpose;
    const purpose = purposeField && 'value' in purposeField ? String(purposeField.value) : 'post_image';
    if (!purposes.includes(purpose))
      throw new AppError(400, 'invalid_request', '上传失败，请重试', 'purpose must be post_image or avatar (sent before the file)');
    let bytes: Buffer;
    try {
      bytes = await file.toBuffer();
    } catch (error) {
      if (error instanceof app.multipartErrors.RequestFileTooLargeError) throw tooLarge();
      throw malformed(error);
    }
    if (file.file.truncated) throw tooLarge();
    return { purpose: purpose as MediaPurpose, bytes };
  }

  app.post(
    '/media',
    {
      schema: {
        tags: ['media'],
        summary: 'Upload an image (multipart: field `purpose` = post_image | avatar, then `file`); it stays pending until WeChat passes it',
        consumes: ['multipart/form-data'],
        response: { 201: UploadedMedia, ...errors },
      },
      config: perMinute(options.uploadsPerMinute),
      // Before any byte of the body is read: a guest or banned user is refused without uploading 5 MB.
      preHandler: async (request) => {
        media.requireUploader(request.viewer);
      },
    },
    async (request, reply) => {
      const { purpose, bytes } = await readUpload(request);
      return reply.status(201).send(await media.upload(request.viewer, purpose, bytes));
    },
  );

  app.get(
    '/media/:id',
    {
      schema: {
        tags: ['media'],
        summary: 'Image bytes; approved images only (moderators: any)',
        params: MediaIdParams,
        response: { 200: imageBytes, 404: ApiError, 503: ApiError },
      },
    },
    async (request, reply) => {
      const publicUrl = await media.publicUrl(request.params.id);
      if (publicUrl) return reply.header('cache-control', 'public, max-age=300').redirect(publicUrl, 302);
      const content = await media.publicContent(request.params.id, request.viewer);
      return reply
        .header('content-type', content.mimeType)
        .header('cache-control', content.approved ? 'public, max-age=86400' : 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(content.bytes);
    },
  );

  app.get(
    '/media/check/:token',
    {
      schema: { hide: true, params: MediaFetchParams, response: { 200: imageBytes, 404: ApiError } },
    },
    async (request, reply) => {
      const content = await media.contentForWeChat(request.params.token);
      return reply.header('content-type', content.mimeType).header('cache-control', 'private, no-store').send(content.bytes);
    },
  );
};

export default mediaRoutes;
