/**
 * Media and temp files: chooseMedia (a privacy API) hands out the files a test queued, registered
 * as temp paths that uploadFile can read back; other paths are read from disk.
 */
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fail, optionsOf } from './helpers';
import type { SettleApi } from './settle-tracking';
import type { ApiTable, ChosenMedia, TempFile } from './types';

export interface FakeMedia {
  registerTempFile(file: TempFile, ext?: string): string;
  enqueueMedia(result: ChosenMedia[] | 'cancel'): void;
  /** A registered temp file, or a file on disk; throws when neither exists. */
  readFile(filePath: string): TempFile;
  apis: ApiTable;
}

export function createMedia(settleApi: SettleApi, requirePrivacy: (api: string) => Promise<void>): FakeMedia {
  const tempFiles = new Map<string, TempFile>();
  const mediaQueue: (ChosenMedia[] | 'cancel')[] = [];

  function registerTempFile(file: TempFile, ext = 'jpg'): string {
    const filePath = `http://tmp/${randomBytes(8).toString('hex')}.${ext}`;
    tempFiles.set(filePath, file);
    return filePath;
  }

  function readFile(filePath: string): TempFile {
    const temp = tempFiles.get(filePath);
    if (temp) return temp;
    if (fs.existsSync(filePath)) return { data: fs.readFileSync(filePath) };
    throw new Error(`file not found: ${filePath}`);
  }

  const apis: ApiTable = {
    chooseMedia(raw) {
      return settleApi('chooseMedia', optionsOf(raw), async (waitForUser) => {
        await waitForUser(requirePrivacy('chooseMedia'));
        const next = mediaQueue.shift();
        if (!next || next === 'cancel') throw fail('chooseMedia:fail cancel');
        const chosen = next.map((media) => ({
          tempFilePath: registerTempFile({ data: media.data }, media.ext ?? 'jpg'),
          size: media.data.length,
          fileType: media.fileType ?? 'image',
          width: media.width ?? 0,
          height: media.height ?? 0,
        }));
        return { tempFiles: chosen, type: chosen.every((f) => f.fileType === 'image') ? 'image' : 'mix' };
      });
    },
  };

  return {
    registerTempFile,
    enqueueMedia: (result) => {
      mediaQueue.push(result);
    },
    readFile,
    apis,
  };
}
