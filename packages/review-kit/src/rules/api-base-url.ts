/**
 * api-base-url: every server address the mini program calls (config names like apiBaseUrl, baseUrl,
 * BASE_URL, host; URLs and constants reaching wx.request/uploadFile/downloadFile/connectSocket)
 * must be https/wss on a real domain (ICP-filed, configured as a request domain) in any uploaded build: WeChat refuses http,
 * IP addresses and localhost outside DevTools, and reviewers run the uploaded `develop` build.
 * `review-kit` (mode develop) only warns, since a project may point at a local server for
 * DevTools; `review-kit upload`/`preview` (mode upload) block. Choosing the URL from `envVersion` at
 * run time is flagged too: reviewers get `develop`.
 */
import net from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import type { ReviewProject, SourceFile } from '../project';
import type { Finding, Rule } from '../types';
import { isScript, pageOfFile } from '../source/project-files';
import { isAuthoredUiSource } from '../source/visible-text';
import { lineOf, parseSource, walk, wxApiName, wxCalls } from '../source/ts-source';

export const DEFAULT_API_BASE_URL_FILES = ['config.ts', 'config.js'];

export interface ApiBaseUrl {
  value: string;
  file: SourceFile;
  line: number;
}

/** Names a project gives its server address: apiBaseUrl, baseUrl, BASE_URL, host, apiUrl, serverUrl, wsUrl, API_HOST, domain… */
export const HOST_CONFIG_NAME =
  /^(api|base|server|service|request|ws|socket|upload|cdn|app)?[-_]?(api[-_]?)?(base[-_]?)?(url|uri|host|domain|server|endpoint|origin|root|prefix)$|^(api|base|baseapi|apibase|apiroot)$/i;
const URL_LITERAL = /^(https?|wss?):\/\/[^\s'"]+/i;
const NETWORK_APIS = new Set(['request', 'uploadFile', 'downloadFile', 'connectSocket']);

export interface HostDefinition {
  value: string;
  file: SourceFile;
  line: number;
  /** How it was found: the name it is defined under, or the wx API it reaches. */
  via: string;
}

const nameOf = (name: ts.Node | undefined): string | undefined =>
  name && (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) ? name.text : undefined;

/** The URL at the start of a string, template or concatenation (`'http://x' + path`, `` `${BASE}/x` `` yields nothing). */
function leadingUrl(expression: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(expression)) return URL_LITERAL.exec(expression.text)?.[0];
  if (ts.isTemplateExpression(expression)) return URL_LITERAL.exec(expression.head.text)?.[0];
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) return leadingUrl(expression.left);
  if (ts.isParenthesizedExpression(expression) || ts.isAsExpression(expression)) return leadingUrl(expression.expression);
  if (ts.isConditionalExpression(expression)) return leadingUrl(expression.whenTrue) ?? leadingUrl(expression.whenFalse);
  return undefined;
}

/** Names (identifiers, `x.baseUrl`'s last part) an expression is built from. */
function namesIn(expression: ts.Node, into: Set<string>): Set<string> {
  if (ts.isIdentifier(expression)) into.add(expression.text);
  else if (ts.isPropertyAccessExpression(expression)) into.add(expression.name.text);
  else ts.forEachChild(expression, (child) => void namesIn(child, into));
  return into;
}

/**
 * Every server address the mini program defines or calls: URL strings defined under a host-like
 * name (see HOST_CONFIG_NAME) anywhere in its own scripts, URLs written into the `url` of
 * wx.request/uploadFile/downloadFile/connectSocket, and the constants those urls are built from
 * (whatever their name). Tests and vendored/minified files are skipped.
 */
export function findHostDefinitions(project: ReviewProject): HostDefinition[] {
  const files = project.miniprogramFiles.filter((file) => isScript(file) && isAuthoredUiSource(file));
  const definitions: HostDefinition[] = [];
  const byName = new Map<string, HostDefinition[]>();
  const reachedNames = new Map<string, string>();
  for (const file of files) {
    const source = parseSource(file.path, file.text);
    walk(source, (node) => {
      let name: string | undefined;
      let initializer: ts.Expression | undefined;
      if (ts.isPropertyAssignment(node)) [name, initializer] = [nameOf(node.name), node.initializer];
      else if (ts.isVariableDeclaration(node)) [name, initializer] = [nameOf(node.name), node.initializer];
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        [name, initializer] = [ts.isPropertyAccessExpression(node.left) ? node.left.name.text : nameOf(node.left), node.right];
      }
      if (name && initializer) {
        const value = leadingUrl(initializer);
        if (value) {
          const definition = { value, file, line: lineOf(source, initializer), via: name };
          byName.set(name, [...(byName.get(name) ?? []), definition]);
          if (HOST_CONFIG_NAME.test(name)) definitions.push(definition);
        }
      }
      if (ts.isCallExpression(node)) {
        const api = wxApiName(node.expression);
        const options = node.arguments[0];
        if (!api || !NETWORK_APIS.has(api) || !options || !ts.isObjectLiteralExpression(options)) return;
        const url = options.properties.find(
          (property): property is ts.PropertyAssignment => ts.isPropertyAssignment(property) && nameOf(property.name) === 'url',
        );
        if (!url) return;
        const value = leadingUrl(url.initializer);
        if (value) definitions.push({ value, file, line: lineOf(source, url.initializer), via: `wx.${api}` });
        for (const reached of namesIn(url.initializer, new Set())) reachedNames.set(reached, `wx.${api}`);
      }
    });
  }
  // Constants that reach a wx network API first: they say how the host is used.
  for (const [name, api] of reachedNames) {
    for (const definition of byName.get(name) ?? []) definitions.unshift({ ...definition, via: `${name} → ${api}` });
  }
  const seen = new Set<string>();
  return definitions.filter((definition) => {
    const key = `${definition.file.path}:${definition.line}:${definition.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The API base URL compiled into the mini program: `apiBaseUrl` in the configured file, else the first host a request reaches or a host-like name defines. */
export function findApiBaseUrl(project: ReviewProject): ApiBaseUrl | undefined {
  const candidates = project.config.apiBaseUrlFile ? [project.config.apiBaseUrlFile] : DEFAULT_API_BASE_URL_FILES;
  for (const candidate of candidates) {
    const absolute = path.join(project.miniprogramRoot, candidate);
    const file = project.miniprogramFiles.find((f) => f.absolutePath === absolute);
    if (!file) continue;
    const source = parseSource(file.path, file.text);
    let found: ApiBaseUrl | undefined;
    walk(source, (node) => {
      if (found) return;
      const isNamed = (name: ts.Node) => (ts.isIdentifier(name) || ts.isStringLiteral(name)) && name.text === 'apiBaseUrl';
      const initializer =
        ts.isPropertyAssignment(node) && isNamed(node.name)
          ? node.initializer
          : ts.isVariableDeclaration(node) && isNamed(node.name)
            ? node.initializer
            : undefined;
      if (initializer && ts.isStringLiteralLike(initializer)) found = { value: initializer.text, file, line: lineOf(source, initializer) };
    });
    if (found) return found;
  }
  if (project.config.apiBaseUrlFile) return undefined;
  const hosts = findHostDefinitions(project).filter((host) => /^https?:/i.test(host.value));
  const reached = hosts.find((host) => host.via.includes('wx.')) ?? hosts[0];
  return reached ? { value: reached.value.replace(/\/+$/, ''), file: reached.file, line: reached.line } : undefined;
}

/** Why a URL cannot serve an uploaded build, or [] when it can. */
export function apiBaseUrlProblems(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ['is not a valid URL'];
  }
  const problems: string[] = [];
  if (url.protocol !== 'https:' && url.protocol !== 'wss:')
    problems.push(`uses ${url.protocol.replace(':', '')} (server domains must be https/wss)`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0)
    problems.push(`points at ${isLanAddress(host) ? 'a LAN/loopback IP address' : 'an IP address'} (${host}), not a domain`);
  else if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) problems.push(`points at ${host}`);
  else if (/(^|\.)example\.(com|org|net)$/.test(host)) problems.push(`still points at the placeholder domain ${host}`);
  else if (!host.includes('.')) problems.push(`has no public domain (${host})`);
  return problems;
}

/** Loopback, private (10/8, 172.16/12, 192.168/16), link-local and unique-local addresses. */
export function isLanAddress(host: string): boolean {
  if (net.isIPv4(host)) {
    const [a, b] = host.split('.').map(Number);
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || a === 0;
  }
  const lower = host.toLowerCase();
  return lower === '::1' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}

function envVersionUses(project: ReviewProject): Finding[] {
  const findings: Finding[] = [];
  for (const file of project.miniprogramFiles.filter(isScript)) {
    const source = parseSource(file.path, file.text);
    walk(source, (node) => {
      if (!ts.isPropertyAccessExpression(node) || node.name.text !== 'envVersion') return;
      findings.push({
        ruleId: 'api-base-url',
        severity: 'warning',
        message: 'Reads envVersion at run time: if it selects the server, reviewers (who run the develop build) get the development server',
        file: file.path,
        line: lineOf(source, node),
        page: pageOfFile(project, file),
        evidence: 'envVersion',
        fix: 'Choose the API base URL when building/uploading (miniprogram/config.ts), never from envVersion.',
      });
    });
  }
  return findings;
}

export const apiBaseUrlRule: Rule = {
  id: 'api-base-url',
  title: 'API base URL is https on a real domain for uploaded builds',
  async run(project, options) {
    const severity = options.mode === 'upload' ? 'blocking' : 'warning';
    const findings: Finding[] = [];
    const configured = findApiBaseUrl(project);
    const hosts = findHostDefinitions(project);
    if (configured && !hosts.some((host) => host.file === configured.file && host.line === configured.line)) {
      hosts.unshift({ ...configured, via: 'apiBaseUrl' });
    }
    for (const host of hosts) {
      const problems = apiBaseUrlProblems(host.value);
      if (problems.length === 0) continue;
      findings.push({
        ruleId: 'api-base-url',
        severity,
        message: `Server address ${host.value} (${host.via}) ${problems.join('; ')}${options.mode === 'upload' ? '' : ' (fine for DevTools; must change before upload)'}`,
        file: host.file.path,
        line: host.line,
        page: pageOfFile(project, host.file),
        evidence: host.value,
        fix: 'Use your https/wss domain (ICP-filed, added under 开发管理 → 开发设置 → 服务器域名) in every build you upload.',
      });
    }
    const callsNetwork = project.miniprogramFiles.some(
      (file) => isScript(file) && isAuthoredUiSource(file) && wxCalls(file.path, file.text).some((call) => NETWORK_APIS.has(call.api)),
    );
    if (!configured && hosts.length === 0 && callsNetwork) {
      findings.push({
        ruleId: 'api-base-url',
        severity: 'warning',
        message: 'The mini program calls wx.request/uploadFile/downloadFile/connectSocket, but no server address was found in its code',
        fix: 'Keep the server address in a constant or config field (e.g. `baseUrl: \'https://api.your-domain.com\'`), or set "apiBaseUrlFile" in review.config.json.',
      });
    }
    return [...findings, ...envVersionUses(project)];
  },
};
