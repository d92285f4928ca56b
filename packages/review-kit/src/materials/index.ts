/**
 * Submission materials, filled from the project itself: version notes, the UGC security
 * declaration, the privacy information types to declare, key pages and the service category.
 * Printed by `review-kit --materials` and included in `--json`.
 */
import type { ReviewProject } from '../project';
import { testAccountOf } from '../source/test-account';
import { keyPages, type KeyPage } from './key-pages';
import { privacyDeclarations, type PrivacyDeclaration } from './privacy-types';
import { ugcDeclaration, type UgcDeclaration } from './ugc-declaration';
import { versionNotes } from './version-notes';

/** Printed when review.config.json names no service category: the kit cannot guess it. */
export const DEFAULT_CATEGORY = '（未填写：在 review.config.json 的 "category" 中写明服务类目，例如 社交-社区/论坛）';

export interface Materials {
  category: string;
  versionNotes: string;
  testAccount: { required: boolean; username?: string; passwordProvided: boolean; entry?: string };
  ugcDeclaration: UgcDeclaration;
  privacyTypes: PrivacyDeclaration[];
  keyPages: KeyPage[];
}

export function buildMaterials(project: ReviewProject, env: Record<string, string | undefined> = process.env): Materials {
  const category = project.config.category ?? DEFAULT_CATEGORY;
  const pages = keyPages(project);
  const privacy = privacyDeclarations(project);
  const ugc = ugcDeclaration(project);
  const account = testAccountOf(project, env);
  return {
    category,
    versionNotes: versionNotes({ project, category, keyPages: pages, privacy, ugc, testAccount: account }),
    testAccount: {
      required: account.required,
      username: account.username,
      passwordProvided: account.password !== undefined,
      entry: account.entry,
    },
    ugcDeclaration: ugc,
    privacyTypes: privacy,
    keyPages: pages,
  };
}

export function formatMaterials(materials: Materials): string {
  const section = (title: string, body: string[]) => [`── ${title} ──`, ...body, ''];
  const ugc = materials.ugcDeclaration;
  return [
    ...section('版本描述 (version notes: paste into 提交审核 → 版本描述)', [materials.versionNotes]),
    ...section('UGC场景信息安全说明 (UGC security declaration)', [
      `场景：${ugc.scenes.length ? ugc.scenes.join('；') : '无'}`,
      `处理方式：${ugc.methods.length ? '' : '（未找到）'}`,
      ...ugc.methods.map((method) => `  - ${method}`),
      `是否有审核团队：${ugc.auditTeam === null ? '（未配置 review.config.json ugcAuditTeam）' : ugc.auditTeam ? '是' : '否'}`,
      ...ugc.notes.map((note) => `! ${note}`),
    ]),
    ...section(
      '用户隐私保护指引 (privacy information types to declare)',
      materials.privacyTypes.length
        ? materials.privacyTypes.map((type) => `- ${type.label}：${type.purpose}（${type.usages.join('、')}）`)
        : ['- 无（代码未使用隐私接口）'],
    ),
    ...section(
      '关键页面 (key pages)',
      materials.keyPages.map((page, i) => `${i + 1}. ${page.label}  ${page.route}`),
    ),
    ...section('服务类目 (service category)', [materials.category]),
  ].join('\n');
}
