/**
 * Downloads the media a mediaCheckAsync job names, as WeChat does before judging it: proof that
 * the URL the server handed out really is reachable from outside and serves the file. Failures
 * become the errcode the verdict push carries (the codes are the fake's choice: WeChat does not
 * document which errcode a failed download produces).
 */
export const MAX_MEDIA_BYTES = 10 * 1024 * 1024;
export const MEDIA_DOWNLOAD_TIMEOUT_MS = 5_000;

/** WeChat's 41005 "media data missing". */
export const DOWNLOAD_FAILED = 41005;
/** WeChat's 40006 "invalid media size". */
export const MEDIA_TOO_LARGE = 40006;

export type MediaDownload = { ok: true; bytes: Buffer } | { ok: false; errcode: number; errmsg: string };

export async function downloadMedia(url: string, signal: AbortSignal): Promise<MediaDownload> {
  const failed = (why: string): MediaDownload => ({
    ok: false,
    errcode: DOWNLOAD_FAILED,
    errmsg: `media data missing: could not download media_url (${why})`,
  });
  const tooLarge: MediaDownload = { ok: false, errcode: MEDIA_TOO_LARGE, errmsg: `invalid media size: over ${MAX_MEDIA_BYTES} bytes` };
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(MEDIA_DOWNLOAD_TIMEOUT_MS)]) });
  } catch (error) {
    return failed(
      error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${MEDIA_DOWNLOAD_TIMEOUT_MS} ms` : 'network error',
    );
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return failed(`HTTP ${response.status}`);
  }
  if (Number(response.headers.get('content-length') ?? 0) > MAX_MEDIA_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  // Read with a cap: a misbehaving server must not make the fake buffer an endless body.
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > MAX_MEDIA_BYTES) return tooLarge;
      chunks.push(chunk);
    }
  } catch {
    return failed('connection lost while reading');
  }
  return { ok: true, bytes: Buffer.concat(chunks) };
}
