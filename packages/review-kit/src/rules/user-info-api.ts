/**
 * user-info-api: wx.getUserProfile / wx.getUserInfo (and `open-type="getUserInfo"`) anywhere.
 * Since 2022-11-08 they return a grey avatar and the nickname 微信用户, and reviewers treat the
 * prompt as forced authorization. Use the chooseAvatar button and the nickname input instead.
 */
import type { Finding, Rule } from '../types';
import { isScript, isWxml, pageOfFile } from '../source/project-files';
import { wxReferences } from '../source/ts-source';
import { parseWxml } from '../source/wxml';

const USER_INFO_APIS = new Set(['getUserProfile', 'getUserInfo']);
const FIX =
  'Remove it: collect the avatar with <button open-type="chooseAvatar"> and the nickname with <input type="nickname">, when the user chooses to set them.';

export const userInfoApiRule: Rule = {
  id: 'user-info-api',
  title: 'No getUserProfile/getUserInfo',
  async run(project) {
    const findings: Finding[] = [];
    for (const file of project.miniprogramFiles) {
      if (isScript(file)) {
        for (const ref of wxReferences(file.path, file.text)) {
          if (!USER_INFO_APIS.has(ref.api)) continue;
          findings.push({
            ruleId: 'user-info-api',
            severity: 'blocking',
            file: file.path,
            line: ref.line,
            page: pageOfFile(project, file),
            evidence: ref.api,
            fix: FIX,
            message: `Uses wx.${ref.api}, which no longer returns real data`,
          });
        }
      } else if (isWxml(file)) {
        for (const element of parseWxml(file.text).elements) {
          if (element.attributes.get('open-type') !== 'getUserInfo') continue;
          findings.push({
            ruleId: 'user-info-api',
            severity: 'blocking',
            file: file.path,
            line: element.line,
            page: pageOfFile(project, file),
            evidence: 'getUserInfo',
            fix: FIX,
            message: 'Uses <button open-type="getUserInfo">, which no longer returns real data',
          });
        }
      }
    }
    return findings;
  },
};
