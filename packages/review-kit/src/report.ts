/** The review as people read it (grouped by severity, with where and how to fix) and as --json. */
import type { ReviewResult } from './run-review';
import type { Finding, Severity } from './types';

const HEADINGS: Record<Severity, string> = { blocking: 'BLOCKING (must fix before upload)', warning: 'WARNINGS', info: 'INFO' };
const MARKS: Record<Severity, string> = { blocking: '✗', warning: '!', info: 'i' };

export function summarize(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { blocking: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function location(finding: Finding): string | undefined {
  const parts = [
    finding.file ? `${finding.file}${finding.line ? `:${finding.line}` : ''}` : undefined,
    finding.page ? `page ${finding.page}` : undefined,
    finding.route ? `route ${finding.route}` : undefined,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : undefined;
}

export function formatReport(result: ReviewResult): string {
  const { options, findings } = result;
  const lines = [
    `WeChat review check — ${result.root} (mode ${options.mode}${options.staticOnly ? ', static rules only' : ''}${options.server ? `, live server ${options.server}` : ''})`,
    '',
  ];
  for (const severity of ['blocking', 'warning', 'info'] as Severity[]) {
    const group = findings.filter((finding) => finding.severity === severity);
    if (group.length === 0) continue;
    lines.push(`${HEADINGS[severity]} (${group.length})`);
    for (const finding of group) {
      lines.push(`  ${MARKS[severity]} [${finding.ruleId}] ${finding.message}`);
      const where = location(finding);
      if (where) lines.push(`      at  ${where}`);
      if (severity !== 'info') lines.push(`      fix ${finding.fix}`);
    }
    lines.push('');
  }
  const counts = summarize(findings);
  lines.push(
    `${counts.blocking === 0 ? 'PASS' : 'FAIL'}: ${counts.blocking} blocking, ${counts.warning} warning(s), ${counts.info} info — ${result.rules.length} rules run`,
  );
  if (counts.blocking === 0 && options.mode === 'develop')
    lines.push('Before uploading, `review-kit upload` re-runs the checks in upload mode (release-only rules become blocking).');
  return lines.join('\n');
}

export function reportJson(result: ReviewResult): string {
  const counts = summarize(result.findings);
  return JSON.stringify(
    {
      root: result.root,
      mode: result.options.mode,
      staticOnly: result.options.staticOnly ?? false,
      passed: counts.blocking === 0,
      summary: counts,
      rules: result.rules,
      findings: result.findings,
      materials: result.materials,
    },
    null,
    2,
  );
}
