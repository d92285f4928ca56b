/** The static rules: read the sources only (no rendering, no server, no network). */
import type { Rule } from '../types';
import { apiBaseUrlRule } from './api-base-url';
import { appidRule } from './appid';
import { forcedLoginRule } from './forced-login';
import { lazyCodeLoadingRule } from './lazy-code-loading';
import { locationUndeclaredRule } from './location-undeclared';
import { packageSizeRule } from './package-size';
import { privacyApiInventoryRule } from './privacy-api-inventory';
import { privacyPopupWiringRule } from './privacy-popup-wiring';
import { testAccountMissingRule } from './test-account-missing';
import { testTextRule } from './test-text';
import { userInfoApiRule } from './user-info-api';
import { wechatBrandingRule } from './wechat-branding';

export const staticRules: Rule[] = [
  forcedLoginRule,
  userInfoApiRule,
  testTextRule,
  privacyPopupWiringRule,
  privacyApiInventoryRule,
  locationUndeclaredRule,
  wechatBrandingRule,
  apiBaseUrlRule,
  testAccountMissingRule,
  packageSizeRule,
  lazyCodeLoadingRule,
  appidRule,
];
