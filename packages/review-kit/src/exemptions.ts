/**
 * Applies review.config.json `exemptions`: a blocking or warning finding that a listed exemption
 * matches (same rule; its text within the finding's evidence or message; its file or page when
 * given) is kept, as `info` carrying the reason, so every exception stays visible in the report.
 * An exemption without a reason is ignored: the reason is what a reviewer of the fork reads.
 */
import type { ReviewExemption } from './project';
import type { Finding } from './types';

export function matchesExemption(finding: Finding, exemption: ReviewExemption): boolean {
  if (exemption.rule !== finding.ruleId || !exemption.reason?.trim()) return false;
  if (exemption.text && !(finding.evidence ?? finding.message).includes(exemption.text)) return false;
  const scoped = exemption.files !== undefined || exemption.pages !== undefined;
  if (!scoped) return true;
  return (
    (finding.file !== undefined && (exemption.files ?? []).includes(finding.file)) ||
    (finding.page !== undefined && (exemption.pages ?? []).includes(finding.page))
  );
}

export function applyExemptions(findings: Finding[], exemptions: ReviewExemption[] = []): Finding[] {
  return findings.map((finding) => {
    if (finding.severity === 'info') return finding;
    const exemption = exemptions.find((candidate) => matchesExemption(finding, candidate));
    if (!exemption) return finding;
    return { ...finding, severity: 'info', message: `${finding.message} — exempted in review.config.json: ${exemption.reason}` };
  });
}

/** Exemptions that cannot apply (no reason), to report rather than silently ignore. */
export function invalidExemptions(exemptions: ReviewExemption[] = []): Finding[] {
  return exemptions
    .filter((exemption) => typeof exemption.rule !== 'string' || !exemption.reason?.trim())
    .map((exemption) => ({
      ruleId: 'review-config',
      severity: 'warning' as const,
      message: `Exemption for rule "${String(exemption.rule)}" has no reason and is ignored`,
      file: 'review.config.json',
      fix: 'Add "reason": why WeChat\'s reviewers will accept it.',
    }));
}
