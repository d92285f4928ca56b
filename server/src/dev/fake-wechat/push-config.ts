/**
 * Where and how the fake WeChat delivers message pushes, like the 消息推送 settings of the admin
 * console: URL, Token, EncodingAESKey and plaintext or safe mode (JSON format only). The URL is
 * usually unknown when the fake starts (the server under test listens afterwards), so every
 * field can be changed later; the defaults match the server's development configuration.
 */
import { isEncodingAesKey } from '../../wechat/push-crypto';

export type PushMode = 'plaintext' | 'safe';
export const PUSH_MODES: readonly PushMode[] = ['plaintext', 'safe'];

export interface FakePushConfig {
  /** Absent until set: verdicts are then kept for pushFor but nothing is pushed. */
  url?: string;
  token: string;
  encodingAesKey: string;
  mode: PushMode;
  /** How long after media_check_async the fake downloads the media and pushes the verdict. */
  delayMs: number;
}

export type FakePushOptions = Partial<FakePushConfig>;

/** The same values as the server's development defaults (DEV_PUSH_TOKEN, DEV_PUSH_AES_KEY in config.ts). */
export const FAKE_DEFAULT_PUSH_TOKEN = 'developmentpushtoken';
export const FAKE_DEFAULT_PUSH_AES_KEY = 'ZGV2ZWxvcG1lbnRvbmx5ZW5jb2RpbmdhZXNrZXkwMDA';
/** Long enough for the caller to commit what it stored with the trace id, short enough for tests. */
export const DEFAULT_PUSH_DELAY_MS = 50;

export const DEFAULT_PUSH_CONFIG: Readonly<FakePushConfig> = {
  token: FAKE_DEFAULT_PUSH_TOKEN,
  encodingAesKey: FAKE_DEFAULT_PUSH_AES_KEY,
  mode: 'safe',
  delayMs: DEFAULT_PUSH_DELAY_MS,
};

/** `current` with the given fields replaced; throws on a value WeChat's console would refuse. */
export function mergePushConfig(current: Readonly<FakePushConfig>, change: FakePushOptions): FakePushConfig {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  const next: FakePushConfig = { ...current, ...defined };
  if (next.url !== undefined && !/^https?:\/\/[^/]/.test(next.url))
    throw new Error(`push url must be an absolute http(s) URL, got ${next.url}`);
  if (next.token === '') throw new Error('push token must not be empty');
  if (!isEncodingAesKey(next.encodingAesKey)) throw new Error('push encodingAesKey must be 43 base64 characters (letters and digits)');
  if (!PUSH_MODES.includes(next.mode)) throw new Error(`push mode must be plaintext or safe, got ${String(next.mode)}`);
  if (!Number.isInteger(next.delayMs) || next.delayMs < 0)
    throw new Error(`push delayMs must be a non-negative integer, got ${next.delayMs}`);
  return next;
}
