/**
 * The privacy APIs and components a mini program may use, grouped by the information type that
 * must be declared for them in the admin console's 用户隐私保护指引 (errno 112 at run time when
 * the guideline lacks the type). The inventory lists what this project's code actually uses, so
 * the guideline can be matched to it.
 */
import type { ReviewProject } from '../project';
import { isScript, isWxml } from './project-files';
import { wxCalls } from './ts-source';
import { parseWxml } from './wxml';

export interface PrivacyType {
  /** The type as the admin console words it. */
  label: string;
  /** What the guideline's purpose line could say (a starting point for the team). */
  purpose: string;
  apis: string[];
  /** WXML usages: `button open-type`, `input type`, or tags. */
  openTypes?: string[];
  inputTypes?: string[];
  tags?: string[];
}

export const PRIVACY_TYPES: PrivacyType[] = [
  {
    label: '用户信息（微信昵称、头像）',
    purpose: '用于设置社区头像和昵称',
    apis: ['getUserProfile', 'getUserInfo'],
    openTypes: ['chooseAvatar', 'getUserInfo'],
    inputTypes: ['nickname'],
  },
  {
    label: '位置信息',
    purpose: '用于展示附近内容',
    apis: [
      'getLocation',
      'getFuzzyLocation',
      'onLocationChange',
      'startLocationUpdate',
      'startLocationUpdateBackground',
      'chooseLocation',
      'choosePoi',
    ],
  },
  { label: '地址', purpose: '用于填写收货地址', apis: ['chooseAddress'] },
  { label: '发票信息', purpose: '用于开具发票', apis: ['chooseInvoice', 'chooseInvoiceTitle'] },
  { label: '微信运动步数', purpose: '用于展示运动数据', apis: ['getWeRunData'] },
  { label: '手机号', purpose: '用于账号绑定', apis: [], openTypes: ['getPhoneNumber', 'getRealtimePhoneNumber'] },
  { label: '车牌号', purpose: '用于填写车牌', apis: ['chooseLicensePlate'] },
  { label: '选中的照片或视频信息', purpose: '用于发帖时上传图片', apis: ['chooseImage', 'chooseMedia', 'chooseVideo'] },
  { label: '选中的文件', purpose: '用于上传文件', apis: ['chooseMessageFile'] },
  { label: '摄像头', purpose: '用于拍摄', apis: ['createCameraContext', 'createVKSession'], tags: ['camera'] },
  { label: '麦克风', purpose: '用于录音', apis: ['getRecorderManager', 'startRecord', 'joinVoIPChat'], tags: ['live-pusher'] },
  { label: '蓝牙', purpose: '用于连接设备', apis: ['openBluetoothAdapter', 'createBLEPeripheralServer'] },
  { label: '相册（仅写入）权限', purpose: '用于保存图片', apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'] },
  { label: '通讯录（仅写入）权限', purpose: '用于添加联系人', apis: ['addPhoneContact'] },
  { label: '剪切板', purpose: '用于复制分享内容', apis: ['setClipboardData', 'getClipboardData'] },
];

/** Location APIs that must also be listed in app.json `requiredPrivateInfos`. */
export const REQUIRED_PRIVATE_INFO_APIS = new Set([
  'getLocation',
  'getFuzzyLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
]);

export interface PrivacyUse {
  /** `wx.chooseMedia`, `<button open-type="chooseAvatar">`, `<input type="nickname">`… */
  usage: string;
  /** The bare API name for script calls, else the usage. */
  api: string;
  type: PrivacyType;
  file: string;
  line: number;
}

/** Every use of a privacy API or component in the mini program's own code. */
export function privacyInventory(project: ReviewProject): PrivacyUse[] {
  const uses: PrivacyUse[] = [];
  for (const file of project.miniprogramFiles) {
    if (isScript(file)) {
      for (const call of wxCalls(file.path, file.text)) {
        const type = PRIVACY_TYPES.find((t) => t.apis.includes(call.api));
        if (type) uses.push({ usage: `wx.${call.api}`, api: call.api, type, file: file.path, line: call.line });
      }
    } else if (isWxml(file)) {
      for (const element of parseWxml(file.text).elements) {
        const openType = element.attributes.get('open-type');
        const inputType = element.tag === 'input' ? element.attributes.get('type') : undefined;
        for (const type of PRIVACY_TYPES) {
          let usage: string | undefined;
          if (openType && type.openTypes?.includes(openType)) usage = `<button open-type="${openType}">`;
          else if (inputType && type.inputTypes?.includes(inputType)) usage = `<input type="${inputType}">`;
          else if (type.tags?.includes(element.tag)) usage = `<${element.tag}>`;
          if (usage) uses.push({ usage, api: usage, type, file: file.path, line: element.line });
        }
      }
    }
  }
  return uses;
}

/** The information types the code uses, in catalogue order, each with its usages. */
export function usedPrivacyTypes(project: ReviewProject): { type: PrivacyType; uses: PrivacyUse[] }[] {
  const uses = privacyInventory(project);
  return PRIVACY_TYPES.map((type) => ({ type, uses: uses.filter((use) => use.type === type) })).filter((entry) => entry.uses.length > 0);
}
