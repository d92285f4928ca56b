/**
 * privacy-popup-wiring: when the code uses privacy APIs, the custom privacy popup must be wired
 * end to end: `wx.onNeedPrivacyAuthorization` registered, and an agree button
 * `<button id="…" open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="…">`
 * (the base library checks that button's id was tapped before it accepts `agree`). Half a wiring
 * is worse than none: a registered listener with no usable agree button makes every privacy API
 * fail, and reviewers then cannot set an avatar or post an image.
 */
import path from 'node:path';
import type { ReviewProject } from '../project';
import type { Finding, Rule } from '../types';
import { privacyInventory } from '../source/privacy-apis';
import { appJsonFile, isScript, isWxml, pageJson, routeFile } from '../source/project-files';
import { wxCalls } from '../source/ts-source';
import { parseWxml, type WxmlElement } from '../source/wxml';

const AGREE_EVENT = /^(bind|catch):?agreeprivacyauthorization$/;
const SNIPPET = '<button id="agree-btn" open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization="onAgree">同意</button>';

interface AgreeButton {
  file: string;
  line: number;
  element: WxmlElement;
  /** `components/privacy-popup/index` or a page route: where the button lives. */
  owner: string;
}

function agreeButtons(project: ReviewProject): AgreeButton[] {
  const buttons: AgreeButton[] = [];
  for (const file of project.miniprogramFiles.filter(isWxml)) {
    const owner = path
      .relative(project.miniprogramRoot, file.absolutePath)
      .split(path.sep)
      .join('/')
      .replace(/\.wxml$/, '');
    for (const element of parseWxml(file.text).elements) {
      if (element.attributes.get('open-type') === 'agreePrivacyAuthorization')
        buttons.push({ file: file.path, line: element.line, element, owner });
    }
  }
  return buttons;
}

function listenerRegistrations(project: ReviewProject): { file: string; line: number }[] {
  return project.miniprogramFiles.filter(isScript).flatMap((file) =>
    wxCalls(file.path, file.text)
      .filter((call) => call.api === 'onNeedPrivacyAuthorization')
      .map((call) => ({ file: file.path, line: call.line })),
  );
}

/** `/components/x/index` or `./x` (relative to the page) → `components/x/index`. */
function resolveComponent(fromRoute: string, target: string): string | undefined {
  if (target.startsWith('plugin://') || !/^[./]/.test(target)) return undefined;
  const resolved = target.startsWith('/') ? target.slice(1) : path.posix.join(path.posix.dirname(fromRoute), target);
  return path.posix.normalize(resolved);
}

/** Whether the page shows (one of) the popup component(s) holding the agree button. */
function pageHasPopup(project: ReviewProject, route: string, owners: Set<string>): boolean {
  if (owners.has(route)) return true;
  const wxml = routeFile(project, route, 'wxml');
  if (!wxml) return false;
  const tags = new Set(parseWxml(wxml.text).elements.map((element) => element.tag));
  const globalComponents = (project.appJson.usingComponents ?? {}) as Record<string, string>;
  const declared = { ...globalComponents, ...(pageJson(project, route)?.usingComponents ?? {}) };
  return Object.entries(declared).some(([tag, target]) => {
    const component = resolveComponent(route, target);
    return component !== undefined && (owners.has(component) || owners.has(`${component}/index`)) && tags.has(tag);
  });
}

function requiresAuthorizationUpFront(project: ReviewProject): boolean {
  return project.miniprogramFiles
    .filter(isScript)
    .some((file) => wxCalls(file.path, file.text).some((call) => call.api === 'requirePrivacyAuthorize'));
}

export const privacyPopupWiringRule: Rule = {
  id: 'privacy-popup-wiring',
  title: 'Privacy popup wired (onNeedPrivacyAuthorization + agree button)',
  async run(project) {
    const uses = privacyInventory(project);
    const listeners = listenerRegistrations(project);
    const buttons = agreeButtons(project);
    if (uses.length === 0 && listeners.length === 0 && buttons.length === 0) return [];
    const findings: Finding[] = [];
    const firstUse = uses[0];
    const finding = (severity: Finding['severity'], message: string, fix: string, at?: { file: string; line: number }): Finding => ({
      ruleId: 'privacy-popup-wiring',
      severity,
      message,
      fix,
      file: at?.file,
      line: at?.line,
    });

    if (listeners.length === 0 && buttons.length === 0) {
      // wx.requirePrivacyAuthorize: the app asks for consent up front through WeChat's own popup.
      if (requiresAuthorizationUpFront(project)) return findings;
      findings.push(
        finding(
          'warning',
          `The code uses privacy APIs (${[...new Set(uses.map((u) => u.usage))].join(', ')}) but has no privacy popup: WeChat falls back to its own popup, which cannot explain why or handle 不同意`,
          `Register wx.onNeedPrivacyAuthorization once in app.ts and show a popup with ${SNIPPET}.`,
          firstUse,
        ),
      );
      return findings;
    }
    if (listeners.length === 0) {
      findings.push(
        finding(
          'blocking',
          'An agree button exists but wx.onNeedPrivacyAuthorization is never registered: the custom popup can never appear',
          'Call wx.onNeedPrivacyAuthorization once at launch (app.ts onLaunch) and show the popup from its listener; resolve with { event: "agree", buttonId } after the button fires.',
          buttons[0],
        ),
      );
    }
    if (buttons.length === 0) {
      findings.push(
        finding(
          'blocking',
          'wx.onNeedPrivacyAuthorization is registered but no <button open-type="agreePrivacyAuthorization"> exists: every privacy API will wait or fail',
          `Add the agree button to the popup: ${SNIPPET}, and resolve({ event: 'agree', buttonId }) from its handler.`,
          listeners[0],
        ),
      );
    }
    for (const button of buttons) {
      const handler = [...button.element.attributes].find(([name, value]) => AGREE_EVENT.test(name) && value.trim() !== '');
      if (!handler) {
        findings.push(
          finding(
            'blocking',
            'The agree button has no bindagreeprivacyauthorization handler: the agreement is never passed to the pending privacy API',
            `Add bindagreeprivacyauthorization="onAgree" and call resolve({ event: 'agree', buttonId }) there: ${SNIPPET}`,
            button,
          ),
        );
      }
      if ((button.element.attributes.get('id') ?? '').trim() === '') {
        findings.push(
          finding(
            'blocking',
            'The agree button has no id: resolve({ event: "agree", buttonId }) needs it, and the base library checks it',
            `Give the button an id and pass it as buttonId: ${SNIPPET}`,
            button,
          ),
        );
      }
    }
    if (listeners.length > 0 && buttons.length > 0) {
      const owners = new Set(buttons.map((button) => button.owner));
      const appJson = appJsonFile(project);
      for (const route of project.pages) {
        if (pageHasPopup(project, route, owners)) continue;
        const wxml = routeFile(project, route, 'wxml');
        findings.push({
          ruleId: 'privacy-popup-wiring',
          severity: 'warning',
          message: `Page ${route} does not show the privacy popup: a privacy API used while it is visible waits for a popup nobody sees`,
          file: wxml?.path ?? appJson?.path,
          line: wxml ? 1 : undefined,
          page: route,
          fix: 'Add the popup component to the page (usingComponents in its .json and the tag in its .wxml).',
        });
      }
    }
    return findings;
  },
};
