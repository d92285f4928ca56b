/**
 * api-base-url: the API base URL (miniprogram/config.ts `apiBaseUrl`) must be https on a real
 * domain (ICP-filed, configured as a request domain) in any uploaded build: WeChat refuses http,
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
import { lineOf, parseSource, walk } from '../source/ts-source';

export const DEFAULT_API_BASE_URL_FILES = ['config.ts', 'config.js'];

export interface ApiBaseUrl {
  value: string;
  file: SourceFile;
  line: number;
}

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
      const initializer = ts.isPropertyAssignment(node) && isNamed(node.name) ? node.initializer : ts.isVariableDeclaration(node) && isNamed(node.name) ? node.initializer : undefined;
      if (initializer && ts.isStringLiteralLike(initializer)) found = { value: initializer.text, file, line: lineOf(source, initializer) };
    });
    if (found) return found;
  }
  return undefined;
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
  if (url.protocol !== 'https:') problems.push(`uses ${url.protocol.replace(':', '')} (request domains must be https)`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) !== 0) problems.push(`points at an IP address (${host}), not a domain`);
  else if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) problems.push(`points at ${host}`);
  else if (/(^|\.)example\.(com|org|net)$/.test(host)) problems.push(`still points at the placeholder domain ${host}`);
  else if (!host.includes('.')) problems.push(`has no public domain (${host})`);
  return problems;
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
    const found = findApiBaseUrl(project);
    if (!found) {
      return [{
        ruleId: 'api-base-url',
        severity: 'warning',
        message: `No apiBaseUrl string found in ${project.config.apiBaseUrlFile ?? DEFAULT_API_BASE_URL_FILES.join(' or ')} under the mini program root`,
        fix: 'Keep the server address in miniprogram/config.ts as `apiBaseUrl: \'https://api.your-domain.com\'`, or set "apiBaseUrlFile" in review.config.json.',
      }, ...envVersionUses(project)];
    }
    const problems = apiBaseUrlProblems(found.value);
    const findings: Finding[] = problems.length === 0 ? [] : [{
      ruleId: 'api-base-url',
      severity,
      message: `apiBaseUrl ${found.value} ${problems.join('; ')}${options.mode === 'upload' ? '' : ' (fine for DevTools; must change before upload)'}`,
      file: found.file.path,
      line: found.line,
      evidence: found.value,
      fix: 'Set apiBaseUrl to your https domain (ICP-filed, added under 开发管理 → 开发设置 → 服务器域名 → request合法域名) before uploading.',
    }];
    return [...findings, ...envVersionUses(project)];
  },
};
