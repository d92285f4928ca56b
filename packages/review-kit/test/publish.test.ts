/**
 * `review-kit upload` / `review-kit preview`: argument and credential checks, and the refusal to send a
 * build that fails the review. WeChat's servers are never called: miniprogram-ci is replaced by a
 * stub that fails the test if it is reached on a refusal path.
 */
import path from 'node:path';
import { parsePublishArgs, publish, PublishError, resolveCredentials, type CiClient } from '../src/publish';
import { fixtureProject, removeFixtures, writeFile } from './fixture-project';

afterAll(removeFixtures);

const APPID = 'wx0123456789abcdef';

function withKey(root: string): Record<string, string> {
  writeFile(root, 'keys/upload.key', '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----\n');
  return { MINIPROGRAM_PRIVATE_KEY_PATH: path.join(root, 'keys/upload.key') };
}

function recordingCi(): CiClient & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    Project: class {
      constructor(readonly options: unknown) {}
    },
    upload: async (options) => void calls.push(`upload ${String(options.version)}`),
    preview: async (options) => void calls.push(`preview ${String(options.qrcodeFormat)}`),
  };
}

const neverCi = (): CiClient => {
  throw new Error('miniprogram-ci must not be loaded on this path');
};

describe('parsePublishArgs', () => {
  // The kit's own folder: a package.json with a version, like any project.
  const root = path.resolve(__dirname, '..');

  it('defaults the version to package.json and the description to it', () => {
    const args = parsePublishArgs(['upload'], root);
    expect(args).toMatchObject({ command: 'upload', root, robot: 1, staticOnly: false });
    expect(args.desc).toBe(`版本 ${args.version}`);
  });

  it.each([
    [['publish'], /unknown command/],
    [['upload', '--version', 'v1'], /not a version/],
    [['upload', '--robot', '31'], /robot/],
    [['upload', '--qrcode-output', 'qr.png'], /preview only/],
    [['upload', '--nope'], /Unknown option/],
  ])('%j is refused with a clear message', (argv, message) => {
    expect(() => parsePublishArgs(argv, root)).toThrow(message);
  });
});

describe('resolveCredentials', () => {
  it('refuses the touristappid the template ships', () => {
    expect(() => resolveCredentials(fixtureProject(), { MINIPROGRAM_APPID: 'touristappid' })).toThrow(/touristappid.*AppID/);
  });

  it('refuses a missing key variable, a missing file and a file that is not a key', () => {
    const root = fixtureProject();
    expect(() => resolveCredentials(root, {})).toThrow(/MINIPROGRAM_PRIVATE_KEY_PATH is not set/);
    expect(() => resolveCredentials(root, { MINIPROGRAM_PRIVATE_KEY_PATH: path.join(root, 'missing.key') })).toThrow(/does not exist/);
    writeFile(root, 'notes.txt', 'hello');
    expect(() => resolveCredentials(root, { MINIPROGRAM_PRIVATE_KEY_PATH: path.join(root, 'notes.txt') })).toThrow(/not a private key/);
  });

  it('takes the AppID from project.config.json, or MINIPROGRAM_APPID', () => {
    const root = fixtureProject();
    expect(resolveCredentials(root, withKey(root)).appid).toBe(APPID);
    expect(resolveCredentials(root, { ...withKey(root), MINIPROGRAM_APPID: 'wxfedcba9876543210' }).appid).toBe('wxfedcba9876543210');
  });
});

describe('publish', () => {
  const args = (root: string, command: 'upload' | 'preview' = 'upload') => ({
    command,
    root,
    version: '1.0.0',
    desc: '首个版本',
    robot: 1,
    staticOnly: true,
  });

  it('refuses to upload a build with a blocking finding, without loading miniprogram-ci', async () => {
    const root = fixtureProject('localhost-url');
    const out: string[] = [];
    const attempt = publish(args(root), { env: withKey(root), loadCi: neverCi, write: (text) => out.push(text) });
    await expect(attempt).rejects.toThrow(PublishError);
    await expect(attempt).rejects.toThrow(/Refusing to upload: 1 blocking finding/);
    expect(out.join('\n')).toContain('[api-base-url]');
  });

  it('refuses before reviewing when credentials are missing', async () => {
    const root = fixtureProject();
    const review = jest.fn();
    await expect(publish(args(root, 'preview'), { env: {}, review, loadCi: neverCi, write: () => undefined })).rejects.toThrow(
      /MINIPROGRAM_PRIVATE_KEY_PATH/,
    );
    expect(review).not.toHaveBeenCalled();
  });

  it('hands a passing build to miniprogram-ci (stubbed)', async () => {
    const root = fixtureProject();
    const ci = recordingCi();
    await expect(publish(args(root), { env: withKey(root), loadCi: () => ci, write: () => undefined })).resolves.toBe(0);
    await expect(publish(args(root, 'preview'), { env: withKey(root), loadCi: () => ci, write: () => undefined })).resolves.toBe(0);
    expect(ci.calls).toEqual(['upload 1.0.0', 'preview terminal']);
  });
});
