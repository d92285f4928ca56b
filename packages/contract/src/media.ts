import { Type, type Static } from '@sinclair/typebox';

export const MediaStatus = Type.Union([Type.Literal('pending'), Type.Literal('held'), Type.Literal('approved'), Type.Literal('rejected')], {
  description: 'pending: WeChat is checking it; held: a moderator decides; approved: public; rejected: never shown',
});
export type MediaStatus = Static<typeof MediaStatus>;

export const MediaPurpose = Type.Union([Type.Literal('post_image'), Type.Literal('avatar')]);
export type MediaPurpose = Static<typeof MediaPurpose>;

/** An image as shown inside a post or a profile. `url` (relative to the API base URL) is null until the image is approved. */
export const Image = Type.Object({
  id: Type.String(),
  status: MediaStatus,
  url: Type.Union([Type.String(), Type.Null()]),
  width: Type.Integer(),
  height: Type.Integer(),
});
export type Image = Static<typeof Image>;

export const UploadedMedia = Type.Object({
  id: Type.String(),
  purpose: MediaPurpose,
  status: MediaStatus,
  width: Type.Integer(),
  height: Type.Integer(),
  url: Type.Union([Type.String(), Type.Null()]),
});
export type UploadedMedia = Static<typeof UploadedMedia>;

export const MediaIdParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });
export const MediaFetchParams = Type.Object({ token: Type.String({ pattern: '^[\\w-]{20,64}$' }) });
