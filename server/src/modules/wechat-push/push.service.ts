/**
 * WeChat's message push, past HTTP: proves we own the URL, and accepts a pushed message only when
 * its timestamp is fresh and its signature checks out (plaintext mode: the URL signature; safe
 * mode: msg_signature over the encrypted body, then AES decryption). An accepted image verdict
 * is handed to the media module, which queues it for its verdict job.
 */
import type { Config } from '../../config';
import { decryptPushMessage, isValidMsgSignature, isValidUrlSignature, PushCryptoError } from '../../wechat/push-crypto';
import type { MediaService } from '../media/media.service';
import { parseMediaCheckEvent } from './push-events';

export interface PushQuery {
  signature?: string;
  timestamp: string;
  nonce: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

export type PushOutcome = { accepted: true } | { accepted: false; why: string };

export type PushService = ReturnType<typeof createPushService>;

export function createPushService(deps: { push: Config['push']; appId: string; media: Pick<MediaService, 'queueVerdict'> }) {
  const { token, encodingAesKey, maxClockSkewSeconds, mode } = deps.push;
  const fresh = (timestamp: string) => Math.abs(Date.now() / 1000 - Number(timestamp)) <= maxClockSkewSeconds;

  /** The message inside a signed body, or why it is refused. */
  function open(query: PushQuery, body: string): { message: unknown } | { why: string } {
    if (!fresh(query.timestamp)) return { why: 'stale or future timestamp' };
    const encrypted = query.encrypt_type === 'aes';
    // No downgrade: in safe mode a push without the encrypted body's signature is never trusted.
    if (mode === 'safe' && (!encrypted || !query.msg_signature)) return { why: 'plaintext push refused in safe mode' };
    if (mode === 'plaintext' && encrypted) return { why: 'encrypted push refused in plaintext mode' };
    try {
      const outer: unknown = JSON.parse(body);
      if (encrypted) {
        const encrypt = (outer as { Encrypt?: unknown } | null)?.Encrypt;
        if (typeof encrypt !== 'string' || !isValidMsgSignature(token, query.timestamp, query.nonce, encrypt, query.msg_signature))
          return { why: 'bad msg_signature' };
        return { message: JSON.parse(decryptPushMessage(encodingAesKey, encrypt, deps.appId)) };
      }
      if (!isValidUrlSignature(token, query.timestamp, query.nonce, query.signature)) return { why: 'bad signature' };
      return { message: outer };
    } catch (error) {
      return { why: error instanceof PushCryptoError ? `decryption failed: ${error.message}` : 'body is not JSON' };
    }
  }

  return {
    /** The URL check (GET): the echostr to answer with, or null when the signature is not ours. */
    verifyUrl(query: PushQuery): string | null {
      return query.echostr && isValidUrlSignature(token, query.timestamp, query.nonce, query.signature) ? query.echostr : null;
    },

    /** A pushed message (POST). Events we do not act on are accepted and ignored. */
    async receive(query: PushQuery, body: string): Promise<PushOutcome> {
      const opened = open(query, body);
      if ('why' in opened) return { accepted: false, why: opened.why };
      const verdict = parseMediaCheckEvent(opened.message);
      if (verdict) await deps.media.queueVerdict(verdict);
      return { accepted: true };
    },
  };
}
