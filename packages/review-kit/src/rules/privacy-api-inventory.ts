/**
 * privacy-api-inventory (info): the privacy information types the code uses and where, so the
 * team can make the admin console's 用户隐私保护指引 list exactly these (WeChat compares the
 * guideline with the code; a missing type fails the API at run time with errno 112).
 */
import type { Rule } from '../types';
import { usedPrivacyTypes } from '../source/privacy-apis';

export const privacyApiInventoryRule: Rule = {
  id: 'privacy-api-inventory',
  title: 'Privacy APIs used by the code (to match the privacy guideline)',
  async run(project) {
    return usedPrivacyTypes(project).map(({ type, uses }) => ({
      ruleId: 'privacy-api-inventory',
      severity: 'info' as const,
      message: `Uses ${type.label}: ${[...new Set(uses.map((u) => u.usage))].join(', ')} (${uses.map((u) => `${u.file}:${u.line}`).join(', ')})`,
      file: uses[0].file,
      line: uses[0].line,
      evidence: type.label,
      fix: `Declare "${type.label}" in the admin console (设置 → 服务内容声明 → 用户隐私保护指引); see \`review-kit --materials\`.`,
    }));
  },
};
