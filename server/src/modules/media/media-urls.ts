/** Public image paths, relative to the API base URL: only approved media are ever served there. */
export function publicMediaPath(mediaId: string | null): string | null {
  return mediaId === null ? null : `/media/${mediaId}`;
}
