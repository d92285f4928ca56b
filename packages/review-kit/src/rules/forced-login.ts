/**
 * forced-login: nothing may demand login or authorization before the user has used the app.
 * A first open shows the entry page and the tab pages, after app.ts `onLaunch`/`onShow`; none of
 * them may be a login page, and their load/show code paths may not navigate to one or call
 * wx.authorize / wx.openSetting / wx.getUserProfile / wx.getUserInfo. Silent `wx.login` is the
 * allowed pattern. Links to a login page from tap handlers (user-initiated) are fine.
 */
import type { Finding, Rule } from '../types';
import { loginPages } from '../source/login-pages';
import { appJsonFile, appScriptFile, entryPages, lineContaining, routeFile } from '../source/project-files';
import { wxCallsReachedFrom } from '../source/reachable-calls';
import { parseWxml } from '../source/wxml';

/** APIs that raise an authorization or profile prompt the user did not ask for. */
const PROMPTING_APIS = new Set(['authorize', 'openSetting', 'getUserProfile', 'getUserInfo', 'getPhoneNumber']);
const PROMPTING_OPEN_TYPES = new Set(['getPhoneNumber', 'getRealtimePhoneNumber', 'getUserInfo']);
const APP_LIFECYCLE = ['onLaunch', 'onShow'];
const PAGE_LIFECYCLE = ['onLoad', 'onShow', 'onReady', 'attached', 'created', 'ready'];
const FIX =
  'Let guests use the app at first open (silent wx.login is fine); ask for login or authorization only when the user taps something that needs it, with a way to cancel (暂不登录).';

export const forcedLoginRule: Rule = {
  id: 'forced-login',
  title: 'No login or authorization demanded at first open',
  async run(project) {
    const findings: Finding[] = [];
    const logins = new Set(loginPages(project));
    const appJson = appJsonFile(project);
    const entries = entryPages(project);

    for (const route of entries) {
      if (!logins.has(route)) continue;
      findings.push({
        ruleId: 'forced-login',
        severity: 'blocking',
        page: route,
        evidence: route,
        fix: FIX,
        message: `First-open page ${route} is a login page (${route === entries[0] ? 'the entry page' : 'a tab page'})`,
        file: appJson?.path,
        line: appJson ? lineContaining(appJson.text, `"${route}"`) : undefined,
      });
    }

    const starts = [
      { file: appScriptFile(project), names: APP_LIFECYCLE, page: undefined as string | undefined },
      ...entries.map((route) => ({ file: routeFile(project, route, 'ts'), names: PAGE_LIFECYCLE, page: route })),
    ];
    const seen = new Set<string>();
    for (const start of starts) {
      if (!start.file) continue;
      for (const call of wxCallsReachedFrom(project, start.file, start.names)) {
        const prompting = PROMPTING_APIS.has(call.api);
        const toLogin = call.route !== undefined && logins.has(call.route);
        const key = `${call.file}:${call.line}`;
        if ((!prompting && !toLogin) || seen.has(key)) continue;
        seen.add(key);
        const what = toLogin ? `navigates to login page ${call.route}` : `calls wx.${call.api}`;
        findings.push({
          ruleId: 'forced-login',
          severity: 'blocking',
          file: call.file,
          line: call.line,
          page: start.page,
          evidence: toLogin ? call.route : call.api,
          fix: FIX,
          message: `First open ${what} (${start.page ? `page ${start.page}` : 'app'}: ${call.via.join(' → ')})`,
        });
      }
    }

    for (const route of entries) {
      const wxml = routeFile(project, route, 'wxml');
      if (!wxml) continue;
      for (const element of parseWxml(wxml.text).elements) {
        const openType = element.attributes.get('open-type');
        if (!openType || !PROMPTING_OPEN_TYPES.has(openType)) continue;
        findings.push({
          ruleId: 'forced-login',
          severity: 'blocking',
          file: wxml.path,
          line: element.line,
          page: route,
          evidence: openType,
          fix: FIX,
          message: `First-open page ${route} asks for ${openType === 'getUserInfo' ? 'the user profile' : 'the phone number'} (<button open-type="${openType}">)`,
        });
      }
    }
    return findings;
  },
};
