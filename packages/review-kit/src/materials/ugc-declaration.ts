/**
 * The UGC security declaration asked at first submission (UGC场景信息安全说明): which scenes let
 * users publish (profile, text, images), how they are checked (platform APIs found in the server
 * code, manual review), and whether an audit team exists (review.config.json `ugcAuditTeam`).
 */
import path from 'node:path';
import fs from 'node:fs';
import { listFiles, type ReviewProject } from '../project';
import { serverSourceDir } from '../source/project-files';
import { privacyInventory } from '../source/privacy-apis';
import { loginPages } from '../source/login-pages';
import { isWxml, pageOfFile } from '../source/project-files';
import { parseWxml } from '../source/wxml';

export interface UgcDeclaration {
  scenes: string[];
  methods: string[];
  /** From review.config.json `ugcAuditTeam`; null when not stated. */
  auditTeam: boolean | null;
  /** Things to sort out before declaring (e.g. a scene with no platform check found). */
  notes: string[];
}

const IMAGE_APIS = new Set(['chooseImage', 'chooseMedia', 'chooseVideo', 'chooseMessageFile']);

/** Whether the server code calls a WeChat content-security endpoint (`wxa/msg_sec_check`…). */
function serverCalls(project: ReviewProject, endpoint: string): boolean {
  // Folders named dev hold development stand-ins (a fake WeChat answers these endpoints too).
  const dir = serverSourceDir(project);
  if (dir === undefined) return false;
  const serverDir = path.join(project.root, dir);
  return listFiles(serverDir, (file) => /\.(ts|js)$/.test(file) && !file.includes(`${path.sep}dev${path.sep}`)).some((file) =>
    fs.readFileSync(file, 'utf8').includes(endpoint),
  );
}

/** Text inputs outside login pages: where users write posts, comments… */
function hasTextInput(project: ReviewProject): boolean {
  const logins = new Set(loginPages(project));
  return project.miniprogramFiles.filter(isWxml).some((file) => {
    const page = pageOfFile(project, file);
    if (page && logins.has(page)) return false;
    return parseWxml(file.text).elements.some(
      (element) =>
        element.tag === 'textarea' ||
        (element.tag === 'input' &&
          !['nickname', 'password'].includes(element.attributes.get('type') ?? '') &&
          !element.attributes.has('password')),
    );
  });
}

export function ugcDeclaration(project: ReviewProject): UgcDeclaration {
  const uses = privacyInventory(project);
  const profile = uses.some((use) => use.usage.includes('chooseAvatar') || use.usage.includes('nickname'));
  const images = uses.some((use) => IMAGE_APIS.has(use.api));
  const text = hasTextInput(project);
  const scenes = [
    ...(profile ? ['用户资料：头像、昵称'] : []),
    ...(text ? ['文字：帖子、评论'] : []),
    ...(images ? ['图片：帖子配图'] : []),
  ];
  const textCheck = serverCalls(project, 'msg_sec_check');
  const imageCheck = serverCalls(project, 'media_check_async');
  const auditTeam = typeof project.config.ugcAuditTeam === 'boolean' ? project.config.ugcAuditTeam : null;
  const methods = [
    ...(textCheck ? ['平台内容安全接口：文本 msgSecCheck（v2），未通过的内容不公开'] : []),
    ...(imageCheck ? ['平台内容安全接口：图片 mediaCheckAsync（v2），检测通过前图片不公开'] : []),
    ...(auditTeam ? ['人工审核：管理员处理待审内容与用户举报，可删除内容、禁言账号'] : []),
  ];
  const notes: string[] = [];
  if ((text || profile) && !textCheck)
    notes.push('No server call to msgSecCheck (wxa/msg_sec_check) found: check text and nicknames on the server before declaring.');
  if ((images || profile) && !imageCheck)
    notes.push('No server call to mediaCheckAsync (wxa/media_check_async) found: check images and avatars on the server before declaring.');
  if (auditTeam === null) notes.push('review.config.json does not say whether a team reviews content ("ugcAuditTeam": true/false).');
  return { scenes, methods, auditTeam, notes };
}
