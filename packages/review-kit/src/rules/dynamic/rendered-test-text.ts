/**
 * rendered-test-text: test data in what users see on the rendered pages ("测试", "test",
 * "111222", lorem ipsum, "hello world"…), wherever it comes from: templates, scripts, the seeded
 * server content. Complements the static test-text rule, which cannot see text built at run time
 * or served by the API. Deliberate uses are exempted in review.config.json like any finding.
 */
import type { ReviewProject } from '../../project';
import type { Finding, Rule } from '../../types';
import { lineContaining, routeFile } from '../../source/project-files';
import { findTerms } from '../../source/visible-text';
import { excerpt, TEST_TEXT_TERMS } from '../test-text';
import { observeProject } from './dynamic-run';

export const RENDERED_TEST_TEXT_RULE_ID = 'rendered-test-text';

/** The mini program file holding this text literally, when it comes from the sources. */
function sourceOf(project: ReviewProject, route: string, text: string): { file: string; line: number } | undefined {
  const needle = text.length > 40 ? text.slice(0, 40) : text;
  const pageFiles = (['wxml', 'ts'] as const).map((ext) => routeFile(project, route, ext)).filter((file) => file !== undefined);
  const candidates = [...pageFiles, ...project.miniprogramFiles.filter((file) => !pageFiles.includes(file))];
  const file = candidates.find((candidate) => candidate.text.includes(needle));
  return file ? { file: file.path, line: lineContaining(file.text, needle) } : undefined;
}

export const renderedTestTextRule: Rule = {
  id: RENDERED_TEST_TEXT_RULE_ID,
  title: 'No test data in the text rendered pages show',
  async run(project) {
    const observed = await observeProject(project);
    const findings: Finding[] = [];
    for (const page of observed.pages) {
      const reported = new Set<string>();
      for (const text of page.texts) {
        const terms = findTerms(text, TEST_TEXT_TERMS);
        if (terms.length === 0 || reported.has(text)) continue;
        reported.add(text);
        const source = sourceOf(project, page.route, text);
        findings.push({
          ruleId: RENDERED_TEST_TEXT_RULE_ID,
          severity: 'blocking',
          message: `${page.url} shows test text ${terms.map((term) => `"${term}"`).join(', ')}: "${excerpt(text)}"${source ? '' : ' (not in the mini program sources: it comes from the server or is built at run time)'}`,
          page: page.route,
          ...(source ?? {}),
          evidence: text,
          fix: source
            ? 'Replace it with real wording. If it is deliberate (e.g. the reviewer test-account entry), add an exemption with a reason to review.config.json.'
            : 'Replace the test data where it is stored (seed content, the database of the deployment, or the code building the text).',
        });
      }
    }
    return findings;
  },
};
