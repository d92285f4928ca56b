/**
 * Sends one push the way WeChat does: an HTTP POST of the JSON event to the configured URL with
 * `signature`, `timestamp` and `nonce` in the query; in safe mode the body is
 * `{ToUserName, Encrypt}` and the query adds `openid`, `encrypt_type=aes` and `msg_signature`
 * (as in the official example). A forged push is signed with a wrong token, so its signatures
 * are well-formed but do not verify.
 */
import { randomInt } from 'node:crypto';
import { encryptPushMessage, msgSignature, urlSignature } from '../../wechat/push-crypto';
import type { MediaCheckEvent } from './media-check-event';
import type { PushMode } from './push-config';

/** WeChat waits this long for the reply before counting the push as failed. */
export const PUSH_REPLY_TIMEOUT_MS = 5_000;

export interface PushRequest {
  url: string;
  token: string;
  encodingAesKey: string;
  appId: string;
  mode: PushMode;
  event: MediaCheckEvent;
  /** Unix seconds, as a string in the query. */
  timestamp: number;
  forgeSignature: boolean;
  signal: AbortSignal;
}

export interface PushAnswer {
  query: Record<string, string>;
  status: number;
  body: string;
  error?: string;
}

export async function deliverPush(request: PushRequest): Promise<PushAnswer> {
  const { event } = request;
  const token = request.forgeSignature ? `${request.token}-forged` : request.token;
  const timestamp = String(request.timestamp);
  const nonce = String(randomInt(100_000_000, 2_000_000_000));
  const query: Record<string, string> = { signature: urlSignature(token, timestamp, nonce), timestamp, nonce };
  let body: string;
  if (request.mode === 'safe') {
    const encrypt = encryptPushMessage(request.encodingAesKey, JSON.stringify(event), request.appId);
    Object.assign(query, {
      openid: event.FromUserName,
      encrypt_type: 'aes',
      msg_signature: msgSignature(token, timestamp, nonce, encrypt),
    });
    body = JSON.stringify({ ToUserName: event.ToUserName, Encrypt: encrypt });
  } else {
    body = JSON.stringify(event);
  }

  const target = new URL(request.url);
  for (const [key, value] of Object.entries(query)) target.searchParams.set(key, value);
  try {
    const response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      signal: AbortSignal.any([request.signal, AbortSignal.timeout(PUSH_REPLY_TIMEOUT_MS)]),
    });
    return { query, status: response.status, body: await response.text() };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { query, status: 0, body: '', error: timedOut ? `no reply within ${PUSH_REPLY_TIMEOUT_MS} ms` : 'network error' };
  }
}

export function isAcknowledged(answer: PushAnswer): boolean {
  return answer.status === 200 && (answer.body === 'success' || answer.body === '');
}
