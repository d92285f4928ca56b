/**
 * appid: project.config.json must carry the team's own AppID (wx + 16 hex digits) for an
 * upload; `touristappid` (a new project's placeholder) is accepted by DevTools for local work only.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rule } from '../types';

export const APPID_PATTERN = /^wx[0-9a-f]{16}$/;

export function projectAppid(root: string): string | undefined {
  const file = path.join(root, 'project.config.json');
  if (!fs.existsSync(file)) return undefined;
  const appid = (JSON.parse(fs.readFileSync(file, 'utf8')) as { appid?: unknown }).appid;
  return typeof appid === 'string' ? appid : undefined;
}

export const appidRule: Rule = {
  id: 'appid',
  title: "The project uses the team's own AppID",
  async run(project, options) {
    const appid = (options.env ?? process.env).MINIPROGRAM_APPID || projectAppid(project.root);
    if (appid && APPID_PATTERN.test(appid)) return [];
    return [
      {
        ruleId: 'appid',
        severity: options.mode === 'upload' ? 'blocking' : 'info',
        message: appid ? `AppID is "${appid}", not a registered mini program AppID` : 'project.config.json has no appid',
        file: 'project.config.json',
        evidence: appid,
        fix: 'Put your AppID (admin console → 开发管理 → 开发设置, wx followed by 16 hex digits) in project.config.json "appid", or set MINIPROGRAM_APPID for upload/preview.',
      },
    ];
  },
};
