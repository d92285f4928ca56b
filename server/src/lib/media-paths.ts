/**
 * Public image paths, relative to the API base URL: only approved media are ever served there
 * (modules/media/media.routes.ts). Kept below every module because avatars and post images are
 * presented by auth, forum and media alike, and auth must not depend on media.
 */
export function publicMediaPath(mediaId: string | null): string | null {
  return mediaId === null ? null : `/media/${mediaId}`;
}
