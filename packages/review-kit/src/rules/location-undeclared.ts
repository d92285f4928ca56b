/**
 * location-undeclared: location (and address) APIs must be listed in app.json
 * `requiredPrivateInfos`, or they fail at run time and the upload is refused.
 */
import type { Finding, Rule } from '../types';
import { REQUIRED_PRIVATE_INFO_APIS, privacyInventory } from '../source/privacy-apis';
import { appJsonFile, lineContaining } from '../source/project-files';

export const locationUndeclaredRule: Rule = {
  id: 'location-undeclared',
  title: 'Location APIs declared in app.json requiredPrivateInfos',
  async run(project) {
    const declared = new Set(project.appJson.requiredPrivateInfos ?? []);
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const use of privacyInventory(project)) {
      if (!REQUIRED_PRIVATE_INFO_APIS.has(use.api) || declared.has(use.api) || reported.has(use.api)) continue;
      reported.add(use.api);
      findings.push({
        ruleId: 'location-undeclared',
        severity: 'blocking',
        message: `wx.${use.api} is used but not declared in app.json requiredPrivateInfos`,
        file: use.file,
        line: use.line,
        evidence: use.api,
        fix: `Add "${use.api}" to "requiredPrivateInfos" in app.json, and declare 位置信息 in the privacy guideline.`,
      });
    }
    if (declared.has('getLocation') && declared.has('getFuzzyLocation')) {
      const appJson = appJsonFile(project);
      findings.push({
        ruleId: 'location-undeclared',
        severity: 'warning',
        message: 'requiredPrivateInfos declares both getLocation and getFuzzyLocation; WeChat accepts only one of them',
        file: appJson?.path,
        line: appJson ? lineContaining(appJson.text, 'requiredPrivateInfos') : undefined,
        fix: 'Keep the one the code uses (getFuzzyLocation when an approximate position is enough).',
      });
    }
    return findings;
  },
};
