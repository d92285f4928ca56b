/**
 * Message-push cryptography against WeChat's own published vectors (the 消息推送 guide of the
 * mini program docs, developers.weixin.qq.com/miniprogram/dev/framework/server-ability/message-push.html:
 * URL verification, a plaintext push, a safe-mode push and an encrypted reply), and every way a
 * received message can be malformed ending in PushCryptoError rather than in garbage.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import {
  PushCryptoError,
  aesKeyFromEncodingAesKey,
  decryptPushMessage,
  encryptPushMessage,
  isValidMsgSignature,
  isValidUrlSignature,
  msgSignature,
  urlSignature,
} from '../../../server/src/wechat/push-crypto';

/** The official safe-mode example: Token, EncodingAESKey and appid of the guide. */
const OFFICIAL = {
  token: 'AAAAA',
  encodingAesKey: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  appId: 'wxba5fad812f8e6fb9',
  timestamp: '1714112445',
  nonce: '415670741',
  signature: '6c5c811b55cc85e0e1b54100749188c20beb3f5d',
  msgSignature: '046e02f8204d34f8ba5fa3b1db94908f3df2e9b3',
  encrypt:
    '+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=',
  message:
    '{"ToUserName":"gh_97417a04a28d","FromUserName":"o9AgO5Kd5ggOC-bXrbNODIiE3bGY","CreateTime":1714112445,"MsgType":"event","Event":"debug_demo","debug_str":"hello world"}',
};

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OTHER_KEY = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
const APP_ID = 'wxpushcryptotest';

/** Encrypts raw plaintext bytes exactly as given (no envelope, no padding), to build malformed messages. */
function rawEncrypt(encodingAesKey: string, plain: Buffer): string {
  const key = aesKeyFromEncodingAesKey(encodingAesKey);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function rawDecrypt(encodingAesKey: string, encrypt: string): Buffer {
  const key = aesKeyFromEncodingAesKey(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
}

function envelope(message: string, appId: string): Buffer {
  const body = Buffer.from(message);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([Buffer.alloc(16, 7), length, body, Buffer.from(appId)]);
}

function rejection(run: () => unknown): PushCryptoError {
  try {
    run();
  } catch (error) {
    if (error instanceof PushCryptoError) return error;
    throw error;
  }
  throw new Error('expected a PushCryptoError, nothing was thrown');
}

describe('signatures', () => {
  it('matches the official URL verification vector', () => {
    expect(urlSignature('AAAAA', '1714036504', '1514711492')).toBe('f464b24fc39322e44b38aa78f5edd27bd1441696');
    expect(isValidUrlSignature('AAAAA', '1714036504', '1514711492', 'f464b24fc39322e44b38aa78f5edd27bd1441696')).toBe(true);
  });

  it('matches the official plaintext-mode and safe-mode push vectors', () => {
    expect(urlSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
    expect(urlSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce)).toBe(OFFICIAL.signature);
    expect(msgSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce, OFFICIAL.encrypt)).toBe(OFFICIAL.msgSignature);
    expect(isValidMsgSignature(OFFICIAL.token, OFFICIAL.timestamp, OFFICIAL.nonce, OFFICIAL.encrypt, OFFICIAL.msgSignature)).toBe(true);
  });

  it('refuses wrong, missing, truncated and non-ASCII signatures without throwing', () => {
    const good = urlSignature('tok', '1', '2');
    expect(isValidUrlSignature('tok', '1', '2', good.toUpperCase())).toBe(true);
    const oneDigitOff = `${good.slice(0, 39)}${good.endsWith('0') ? '1' : '0'}`;
    for (const bad of [undefined, '', good.slice(0, 39), oneDigitOff, 'é'.repeat(40), `${good}00`]) {
      expect(isValidUrlSignature('tok', '1', '2', bad)).toBe(false);
    }
    expect(isValidUrlSignature('tok', '1', '3', good)).toBe(false);
    expect(isValidUrlSignature('other', '1', '2', good)).toBe(false);
    expect(isValidMsgSignature('tok', '1', '2', 'Encrypt', urlSignature('tok', '1', '2'))).toBe(false);
  });
});

describe('decryptPushMessage', () => {
  it('decrypts the official safe-mode example to its published plaintext', () => {
    expect(decryptPushMessage(OFFICIAL.encodingAesKey, OFFICIAL.encrypt, OFFICIAL.appId)).toBe(OFFICIAL.message);
    // The guide also states the layout: 16 random bytes "a8eedb185eb2fecf", then msg_len 167.
    const plain = rawDecrypt(OFFICIAL.encodingAesKey, OFFICIAL.encrypt);
    expect(plain.subarray(0, 16).toString()).toBe('a8eedb185eb2fecf');
    expect(plain.readUInt32BE(16)).toBe(167);
  });

  it('reproduces the official encrypted reply from its published random bytes', () => {
    const encrypt = encryptPushMessage(
      OFFICIAL.encodingAesKey,
      '{"demo_resp":"good luck"}',
      OFFICIAL.appId,
      Buffer.from('707722b803182950'),
    );
    expect(encrypt).toBe('ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==');
    expect(msgSignature(OFFICIAL.token, '1713424427', '415670741', encrypt)).toBe('1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1');
  });

  it.each([
    ['empty', ''],
    ['ASCII', '{"event":"wxa_media_check","trace_id":"abc"}'],
    ['multi-byte', '{"昵称":"微信用户","emoji":"🙂"}'],
    ['whole-number-of-pad-blocks long', 'x'.repeat(96 - 16 - 4 - APP_ID.length)],
  ])('round-trips a %s message, with fresh random bytes each time', (_case, message) => {
    const first = encryptPushMessage(KEY, message, APP_ID);
    const second = encryptPushMessage(KEY, message, APP_ID);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, 'base64').length % 32).toBe(0);
    expect(decryptPushMessage(KEY, first, APP_ID)).toBe(message);
    expect(decryptPushMessage(KEY, second, APP_ID)).toBe(message);
  });

  it('pads a message that fills whole blocks with a full 32-byte block', () => {
    const message = 'y'.repeat(64 - 16 - 4 - APP_ID.length);
    const plain = rawDecrypt(KEY, encryptPushMessage(KEY, message, APP_ID));
    expect(plain.length).toBe(96);
    expect([...plain.subarray(64)]).toEqual(Array(32).fill(32));
  });

  it('refuses a message for another appid', () => {
    const encrypt = encryptPushMessage(KEY, 'hello', 'wxsomeoneelse');
    expect(rejection(() => decryptPushMessage(KEY, encrypt, APP_ID)).reason).toBe('appid_mismatch');
    expect(rejection(() => decryptPushMessage(OFFICIAL.encodingAesKey, OFFICIAL.encrypt, APP_ID)).reason).toBe('appid_mismatch');
  });

  it('refuses a message encrypted with another key', () => {
    const encrypt = encryptPushMessage(OTHER_KEY, 'hello', APP_ID);
    expect(() => decryptPushMessage(KEY, encrypt, APP_ID)).toThrow(PushCryptoError);
  });

  it('refuses tampered ciphertext', () => {
    const bytes = Buffer.from(encryptPushMessage(KEY, '{"trace_id":"t1","result":{"suggest":"pass"}}', APP_ID), 'base64');
    for (const index of [0, 20, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] ^= 0x01;
      expect(() => decryptPushMessage(KEY, tampered.toString('base64'), APP_ID)).toThrow(PushCryptoError);
    }
  });

  it.each([
    ['a pad byte of 0', 0],
    ['a pad byte over 32', 33],
  ])('refuses %s', (_case, pad) => {
    const plain = envelope('hello', APP_ID);
    const filler = 32 - (plain.length % 32);
    const padded = Buffer.concat([plain, Buffer.alloc(filler, pad)]);
    expect(rejection(() => decryptPushMessage(KEY, rawEncrypt(KEY, padded), APP_ID)).reason).toBe('bad_padding');
  });

  it('refuses padding whose bytes disagree', () => {
    const plain = envelope('hello', APP_ID);
    const filler = 32 - (plain.length % 32);
    const padding = Buffer.alloc(filler, filler);
    padding[0] = (filler + 1) % 256;
    expect(rejection(() => decryptPushMessage(KEY, rawEncrypt(KEY, Buffer.concat([plain, padding])), APP_ID)).reason).toBe('bad_padding');
  });

  it('refuses a declared message length beyond the plaintext', () => {
    const plain = envelope('hello', APP_ID);
    plain.writeUInt32BE(10_000, 16);
    const filler = 32 - (plain.length % 32);
    const encrypt = rawEncrypt(KEY, Buffer.concat([plain, Buffer.alloc(filler, filler)]));
    expect(rejection(() => decryptPushMessage(KEY, encrypt, APP_ID)).reason).toBe('bad_message_length');
  });

  it('refuses a message that is not UTF-8', () => {
    const plain = Buffer.concat([Buffer.alloc(16), Buffer.from([0, 0, 0, 2, 0xc3, 0x28]), Buffer.from(APP_ID)]);
    const filler = 32 - (plain.length % 32);
    const encrypt = rawEncrypt(KEY, Buffer.concat([plain, Buffer.alloc(filler, filler)]));
    expect(rejection(() => decryptPushMessage(KEY, encrypt, APP_ID)).reason).toBe('not_utf8');
  });

  it.each([
    ['not base64', 'not base64 at all!', 'not_base64'],
    ['empty', '', 'bad_length'],
    ['one AES block (16 bytes), not a 32-byte pad block', Buffer.alloc(16).toString('base64'), 'bad_length'],
    ['truncated by a byte', Buffer.alloc(63).toString('base64'), 'bad_length'],
  ])('refuses ciphertext that is %s', (_case, encrypt, reason) => {
    expect(rejection(() => decryptPushMessage(KEY, encrypt, APP_ID)).reason).toBe(reason);
  });

  it('does not echo the message or the key in its error', () => {
    const encrypt = encryptPushMessage(KEY, 'secret-ish payload', 'wxsomeoneelse');
    const error = rejection(() => decryptPushMessage(KEY, encrypt, APP_ID));
    expect(error.message).not.toContain('secret-ish');
    expect(error.message).not.toContain(KEY);
  });
});

describe('EncodingAESKey', () => {
  it('decodes a 43-character key to 32 bytes', () => {
    expect(aesKeyFromEncodingAesKey(KEY)).toHaveLength(32);
  });

  it.each([
    ['too short', KEY.slice(0, 42)],
    ['too long', `${KEY}A`],
    ['with the padding already added', `${KEY.slice(0, 42)}=`],
    ['with characters outside base64', `${KEY.slice(0, 42)}-`],
  ])('is refused with a developer error when %s', (_case, key) => {
    expect(() => encryptPushMessage(key, 'x', APP_ID)).toThrow(/EncodingAESKey must be the 43 characters/);
    const error = (() => {
      try {
        decryptPushMessage(key, OFFICIAL.encrypt, APP_ID);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PushCryptoError);
  });

  it('insists on 16 random bytes when they are given', () => {
    expect(() => encryptPushMessage(KEY, 'x', APP_ID, Buffer.alloc(8))).toThrow(/16 bytes/);
  });
});
