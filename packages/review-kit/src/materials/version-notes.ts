/**
 * The version notes for the submission form, in the layout reviewers expect (本次版本变更 新增/
 * 优化/修复, 测试账号, 补充说明), filled from the project: its key pages, the test account (password
 * only from the environment), and the answers about privacy data, payment/UGC/external links and
 * the service category.
 */
import type { ReviewProject } from '../project';
import { isScript, isWxml } from '../source/project-files';
import { wxCalls } from '../source/ts-source';
import type { TestAccount } from '../source/test-account';
import { parseWxml } from '../source/wxml';
import type { KeyPage } from './key-pages';
import type { PrivacyDeclaration } from './privacy-types';
import type { UgcDeclaration } from './ugc-declaration';

export const PASSWORD_PLACEHOLDER = '（由环境变量 TEST_ACCOUNT_PASSWORD 提供，打印材料时设置）';

function usesApi(project: ReviewProject, apis: string[]): boolean {
  return project.miniprogramFiles.filter(isScript).some((file) => wxCalls(file.path, file.text).some((call) => apis.includes(call.api)));
}

function usesTag(project: ReviewProject, tag: string): boolean {
  return project.miniprogramFiles.filter(isWxml).some((file) => parseWxml(file.text).elements.some((element) => element.tag === tag));
}

export interface VersionNotesInput {
  project: ReviewProject;
  category: string;
  keyPages: KeyPage[];
  privacy: PrivacyDeclaration[];
  ugc: UgcDeclaration;
  testAccount: TestAccount;
}

export function versionNotes({ project, category, keyPages, privacy, ugc, testAccount }: VersionNotesInput): string {
  const payment = usesApi(project, ['requestPayment', 'requestOrderPayment', 'requestPluginPayment']);
  const externalLinks = usesTag(project, 'web-view') || usesApi(project, ['navigateToMiniProgram', 'openOfficialAccountArticle']);
  const privacyAnswer = privacy.length
    ? `涉及：${privacy.map((p) => p.label).join('、')}；均已在《用户隐私保护指引》中声明，使用前弹窗征得用户同意，拒绝后不影响浏览。`
    : '不涉及。';
  const ugcAnswer = ugc.scenes.length
    ? `内容发布：涉及（${ugc.scenes.join('；')}），${
        ugc.methods.length
          ? `发布前经${ugc.methods
              .map((m) => m.split('：')[0])
              .filter((m, i, all) => all.indexOf(m) === i)
              .join('和')}处理`
          : '请补充审核方式'
      }；`
    : '内容发布：不涉及；';
  const lines = [
    '本次版本变更：',
    `1. 新增：${keyPages.map((page) => page.label).join('、')}等页面；游客无需登录即可浏览。`,
    '2. 优化：无',
    '3. 修复：无',
  ];
  if (testAccount.required) {
    lines.push(
      '测试账号：',
      `账号：${testAccount.username ?? '（未配置：review.config.json testAccount.username）'}`,
      `密码：${testAccount.password ?? PASSWORD_PLACEHOLDER}`,
    );
    if (testAccount.entry) lines.push(`测试账号入口：${testAccount.entry}`);
  }
  lines.push(
    '补充说明：',
    `1. 本次是否涉及新增用户隐私信息收集？${privacyAnswer}`,
    `2. 本次是否涉及支付、内容发布或外链？支付：${payment ? '涉及' : '不涉及'}；${ugcAnswer}外链：${externalLinks ? '涉及' : '不涉及'}。`,
    `3. 本次是否涉及服务类目或资质变化？服务类目：${category}。`,
  );
  return lines.join('\n');
}
