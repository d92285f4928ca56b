/**
 * wechat-branding: brand confusion, i.e. the app presenting itself as WeChat's or Tencent's
 * (微信官方, 腾讯出品, "WeChat Official" in page text, titles and tab texts; image files named like
 * WeChat/Tencent logos, or a brand-named image as a tab bar icon). Descriptive mentions of WeChat
 * features are fine. Tests, vendored SDKs and minified files are not UI text (visible-text.ts).
 */
import path from 'node:path';
import { listFiles } from '../project';
import type { Finding, Rule } from '../types';
import { collectVisibleText, findTerms } from '../source/visible-text';
import { excerpt } from './test-text';

/**
 * Wording that makes the app look like WeChat's or Tencent's own. Descriptive mentions of WeChat
 * features (微信支付, 微信号, 微信客服, 使用微信收货地址, 分享到微信) are what reviewers expect and
 * are not listed.
 */
export const BRANDING_TERMS = [
  /微信官方/,
  /官方微信/,
  /微信(团队|安全中心|官方客服)/,
  /腾讯(官方|出品|荣誉出品|旗下|公司)/,
  /由腾讯(提供|开发|运营|出品)/,
  /wechat\s+official/i,
  /official\s+wechat/i,
  /wechat\s+team/i,
  /tencent\s+(official|presents|inc)/i,
  /(made|developed|brought)\s+by\s+tencent/i,
];
const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);
/** Named like a WeChat/Tencent logo: the brand and "logo" (or the brand alone as the whole name). */
const BRANDED_LOGO_NAME =
  /((wechat|weixin|tencent|wx|微信|腾讯)[-_]?(logo|标志|图标)|(logo|icon)[-_]?(wechat|weixin|tencent)|^(wechat|weixin|tencent|微信|腾讯)(@[23]x)?\.[a-z]+$)/i;
/** Any image named after the brand: a logo when it is the app's own icon (tab bar). */
const BRANDED_IMAGE_NAME = /(wechat|weixin|tencent|微信|腾讯)/i;

export const wechatBrandingRule: Rule = {
  id: 'wechat-branding',
  title: 'No WeChat brand wording or logos in the UI',
  async run(project) {
    const findings: Finding[] = [];
    for (const hit of collectVisibleText(project, { includeSeed: false })) {
      const reported = findTerms(hit.text, BRANDING_TERMS);
      if (reported.length === 0) continue;
      findings.push({
        ruleId: 'wechat-branding',
        severity: 'blocking',
        message: `WeChat brand wording ${reported.map((t) => `"${t}"`).join(', ')} in text shown to users: "${excerpt(hit.text)}"`,
        file: hit.file,
        line: hit.line,
        page: hit.page,
        evidence: hit.text,
        fix: 'Use your own name ("本小程序", "XX团队") rather than claiming to be WeChat\'s or Tencent\'s; describing WeChat features (微信支付, 微信号) is fine.',
      });
    }
    const tabIcons = new Set(
      (project.appJson.tabBar?.list ?? [])
        .flatMap((item) => [item.iconPath, item.selectedIconPath])
        .filter((icon): icon is string => typeof icon === 'string')
        .map((icon) => path.resolve(project.miniprogramRoot, icon.replace(/^\//, ''))),
    );
    const images = listFiles(project.miniprogramRoot, (file) => IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase()));
    for (const image of images) {
      const name = path.basename(image);
      const asOwnIcon = tabIcons.has(image) && BRANDED_IMAGE_NAME.test(name);
      if (!BRANDED_LOGO_NAME.test(name) && !asOwnIcon) continue;
      findings.push({
        ruleId: 'wechat-branding',
        severity: 'blocking',
        message: asOwnIcon
          ? `A WeChat/Tencent-named image is the app's own tab bar icon: ${name}`
          : `Image file named like a WeChat/Tencent logo: ${name}`,
        file: project.relative(image),
        evidence: path.basename(image),
        fix: "Remove WeChat's logo from the package; use your own icon. If the image is not a WeChat logo, rename it.",
      });
    }
    return findings;
  },
};
