/**
 * wechat-branding: WeChat's name or logo in the UI (微信, WeChat, 腾讯, 微信官方 in page text,
 * titles and tab texts; image files named like WeChat/Weixin/Tencent logos). Reviewers reject it
 * because it suggests the app is WeChat's own.
 */
import path from 'node:path';
import { listFiles } from '../project';
import type { Finding, Rule } from '../types';
import { collectVisibleText, findTerms } from '../source/visible-text';
import { excerpt } from './test-text';

export const BRANDING_TERMS = [/微信官方/, /微信/, /腾讯/, /wechat/i, /weixin/i, /tencent/i];
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);
const BRANDED_IMAGE_NAME = /(wechat|weixin|tencent|wx[-_]?logo|微信|腾讯)/i;

export const wechatBrandingRule: Rule = {
  id: 'wechat-branding',
  title: "No WeChat brand wording or logos in the UI",
  async run(project) {
    const findings: Finding[] = [];
    for (const hit of collectVisibleText(project, { includeSeed: false })) {
      const terms = findTerms(hit.text, BRANDING_TERMS);
      // 微信官方 also contains 微信: report the longest wording only.
      const reported = terms.includes('微信官方') ? terms.filter((t) => t !== '微信') : terms;
      if (reported.length === 0) continue;
      findings.push({
        ruleId: 'wechat-branding',
        severity: 'blocking',
        message: `WeChat brand wording ${reported.map((t) => `"${t}"`).join(', ')} in text shown to users: "${excerpt(hit.text)}"`,
        file: hit.file,
        line: hit.line,
        page: hit.page,
        evidence: hit.text,
        fix: 'Use your own wording (e.g. "一键登录" rather than "微信登录", "本小程序" rather than "微信官方"); the app must not look like WeChat\'s own.',
      });
    }
    const images = listFiles(project.miniprogramRoot, (file) => IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase()));
    for (const image of images) {
      if (!BRANDED_IMAGE_NAME.test(path.basename(image))) continue;
      findings.push({
        ruleId: 'wechat-branding',
        severity: 'blocking',
        message: `Image file named like a WeChat/Tencent logo: ${path.basename(image)}`,
        file: project.relative(image),
        evidence: path.basename(image),
        fix: "Remove WeChat's logo from the package; use your own icon. If the image is not a WeChat logo, rename it.",
      });
    }
    return findings;
  },
};
