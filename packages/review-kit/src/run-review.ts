/**
 * Runs the review: loads the project, runs the static rules (and the dynamic ones unless
 * `staticOnly`), applies review.config.json exemptions, and builds the submission materials.
 * Shared by `review-kit` and the upload/preview wrappers.
 */
import { applyExemptions, invalidExemptions } from './exemptions';
import { buildMaterials, type Materials } from './materials/index';
import { loadProject } from './project';
import { staticRules } from './rules/index';
import type { Finding, ReviewOptions, Rule, Severity } from './types';

export interface ReviewResult {
  root: string;
  options: ReviewOptions;
  findings: Finding[];
  materials: Materials;
  rules: { id: string; title: string }[];
}

const SEVERITY_ORDER: Record<Severity, number> = { blocking: 0, warning: 1, info: 2 };

async function rulesFor(options: ReviewOptions): Promise<Rule[]> {
  if (options.staticOnly) return staticRules;
  // Loaded only when needed: the dynamic rules bring in the headless host and the server.
  // (require, not import(): this file compiles as CommonJS, where import() would need an extension jest cannot map.)
  const { dynamicRules } = require('./rules/dynamic/index') as { dynamicRules: Rule[] };
  return [...staticRules, ...dynamicRules];
}

export async function runReview(options: ReviewOptions, rules?: Rule[]): Promise<ReviewResult> {
  const project = loadProject(options.root);
  const selected = rules ?? (await rulesFor(options));
  const raw: Finding[] = [];
  for (const rule of selected) {
    try {
      raw.push(...(await rule.run(project, options)));
    } catch (error) {
      // A rule that cannot run has not shown the build is fine: fail closed, and say so.
      raw.push({
        ruleId: rule.id,
        severity: 'blocking',
        message: `The rule could not run: ${error instanceof Error ? error.message : String(error)}`,
        fix: 'Fix the project file it stumbled on, or report the problem with the review kit.',
      });
    }
  }
  const findings = [...applyExemptions(raw, project.config.exemptions), ...invalidExemptions(project.config.exemptions)]
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => SEVERITY_ORDER[a.finding.severity] - SEVERITY_ORDER[b.finding.severity] || a.index - b.index)
    .map(({ finding }) => finding);
  return {
    root: project.root,
    options,
    findings,
    materials: buildMaterials(project, options.env ?? process.env),
    rules: selected.map((rule) => ({ id: rule.id, title: rule.title })),
  };
}

export function blockingFindings(findings: Finding[]): Finding[] {
  return findings.filter((finding) => finding.severity === 'blocking');
}
