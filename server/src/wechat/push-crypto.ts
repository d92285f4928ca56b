/**
 * WeChat message-push (消息推送) cryptography: the URL signature of every push, the msg_signature
 * and AES envelope of safe mode, and the reverse (encryption) for the fake WeChat and tests.
 * Pure functions over node:crypto, written from the official description: key =
 * base64(EncodingAESKey + '='), AES-256-CBC with IV = key[0..16], PKCS#7 padding to 32-byte
 * blocks, plaintext = random(16) + msgLen(4, big-endian) + msg + appid.
 *
 * Two kinds of failure are kept apart on purpose: a malformed EncodingAESKey is our own
 * misconfiguration (a plain Error, loud at startup), while anything wrong with a received message
 * is a PushCryptoError, which a push handler answers by refusing that one message.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** WeChat pads to the key size (32), not to AES's 16-byte block. */
const PAD_BLOCK = 32;
const RANDOM_LENGTH = 16;
const LENGTH_FIELD = 4;
const ENCODING_AES_KEY_PATTERN = /^[A-Za-z0-9+/]{43}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SHA1_HEX_LENGTH = 40;

export type PushCryptoFailure = 'not_base64' | 'bad_length' | 'bad_padding' | 'bad_message_length' | 'not_utf8' | 'appid_mismatch';

/** A received message that cannot be trusted or read. `reason` is safe to log; the message is not echoed. */
export class PushCryptoError extends Error {
  constructor(
    readonly reason: PushCryptoFailure,
    detail: string,
  ) {
    super(`WeChat push message rejected (${reason}): ${detail}`);
    this.name = 'PushCryptoError';
  }
}

/** signature = sha1 of token, timestamp and nonce sorted as strings and joined. */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sortedSha1([token, timestamp, nonce]);
}

/** msg_signature = the same over token, timestamp, nonce and the body's Encrypt. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return sortedSha1([token, timestamp, nonce, encrypt]);
}

export function isValidUrlSignature(token: string, timestamp: string, nonce: string, signature: string | undefined): boolean {
  return signature !== undefined && sameHex(urlSignature(token, timestamp, nonce), signature);
}

export function isValidMsgSignature(
  token: string,
  timestamp: string,
  nonce: string,
  encrypt: string,
  signature: string | undefined,
): boolean {
  return signature !== undefined && sameHex(msgSignature(token, timestamp, nonce, encrypt), signature);
}

export function isEncodingAesKey(value: string): boolean {
  return ENCODING_AES_KEY_PATTERN.test(value);
}

/** The 32-byte AES key behind an EncodingAESKey; throws a plain Error for a misconfigured one. */
export function aesKeyFromEncodingAesKey(encodingAesKey: string): Buffer {
  if (!isEncodingAesKey(encodingAesKey)) {
    throw new Error(
      `EncodingAESKey must be the 43 characters (letters and digits) shown in the admin console (开发管理 → 消息推送); got ${encodingAesKey.length} characters`,
    );
  }
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

/** The message inside a safe-mode `Encrypt`, after checking padding, length and appid. */
export function decryptPushMessage(encodingAesKey: string, encrypt: string, expectedAppId: string): string {
  const key = aesKeyFromEncodingAesKey(encodingAesKey);
  if (!BASE64_PATTERN.test(encrypt)) throw new PushCryptoError('not_base64', 'Encrypt is not base64');
  const ciphertext = Buffer.from(encrypt, 'base64');
  if (ciphertext.length === 0 || ciphertext.length % PAD_BLOCK !== 0) {
    throw new PushCryptoError('bad_length', `ciphertext is ${ciphertext.length} bytes, not a positive multiple of ${PAD_BLOCK}`);
  }

  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  // Node's PKCS#7 check assumes 16-byte blocks; WeChat pads up to 32 bytes, so we unpad ourselves.
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  const plain = padded.subarray(0, padded.length - paddingLength(padded));

  if (plain.length < RANDOM_LENGTH + LENGTH_FIELD) throw new PushCryptoError('bad_message_length', 'plaintext shorter than its header');
  const messageLength = plain.readUInt32BE(RANDOM_LENGTH);
  const messageEnd = RANDOM_LENGTH + LENGTH_FIELD + messageLength;
  if (messageEnd > plain.length) throw new PushCryptoError('bad_message_length', `declared length ${messageLength} exceeds the plaintext`);

  const message = utf8(plain.subarray(RANDOM_LENGTH + LENGTH_FIELD, messageEnd));
  const appId = utf8(plain.subarray(messageEnd));
  // Any key yields *some* plaintext; the appid is what proves it was WeChat's, for our app.
  if (appId !== expectedAppId) throw new PushCryptoError('appid_mismatch', 'the message is for another appid');
  return message;
}

/** A safe-mode `Encrypt` for `message`; `random16` only to reproduce a known vector. */
export function encryptPushMessage(
  encodingAesKey: string,
  message: string,
  appId: string,
  random16: Buffer = randomBytes(RANDOM_LENGTH),
): string {
  const key = aesKeyFromEncodingAesKey(encodingAesKey);
  if (random16.length !== RANDOM_LENGTH) throw new Error(`random16 must be ${RANDOM_LENGTH} bytes, got ${random16.length}`);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(LENGTH_FIELD);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([random16, length, body, Buffer.from(appId, 'utf8')]);
  const pad = PAD_BLOCK - (plain.length % PAD_BLOCK);

  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

function sortedSha1(parts: string[]): string {
  // Plain code-unit order, as WeChat's samples sort (PHP sort SORT_STRING, Java Arrays.sort).
  const joined = [...parts].sort().join('');
  return createHash('sha1').update(joined, 'utf8').digest('hex');
}

/** Constant-time, so a forger learns nothing from how long a wrong guess took to refuse. */
function sameHex(expected: string, received: string): boolean {
  const got = Buffer.from(received.toLowerCase(), 'utf8');
  if (got.length !== SHA1_HEX_LENGTH) return false;
  return timingSafeEqual(Buffer.from(expected, 'utf8'), got);
}

function paddingLength(padded: Buffer): number {
  const pad = padded[padded.length - 1];
  if (pad === undefined || pad < 1 || pad > PAD_BLOCK) throw new PushCryptoError('bad_padding', 'padding byte out of range');
  for (let i = padded.length - pad; i < padded.length; i += 1) {
    if (padded[i] !== pad) throw new PushCryptoError('bad_padding', 'padding bytes differ');
  }
  return pad;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Buffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new PushCryptoError('not_utf8', 'plaintext is not UTF-8');
  }
}
