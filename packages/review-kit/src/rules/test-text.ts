/**
 * test-text: "测试", "test", "111222", lorem ipsum… in text users see (pages, scripts, titles, and
 * the server's seed content shown on a fresh install). WeChat rejects builds showing test data.
 * A deliberate use is exempted in review.config.json with a reason (better: say it without the word).
 */
import type { Finding, Rule } from '../types';
import { collectVisibleText, findTerms } from '../source/visible-text';

export const TEST_TEXT_TERMS = [/测试/, /tests?|testing/i, /111222/, /123123/, /lorem ipsum/i, /hello world/i, /asdf/i, /qwerty/i];

export const testTextRule: Rule = {
  id: 'test-text',
  title: 'No test data or placeholder text shown to users',
  async run(project) {
    const findings: Finding[] = [];
    for (const hit of collectVisibleText(project, { includeSeed: true })) {
      const terms = findTerms(hit.text, TEST_TEXT_TERMS);
      if (terms.length === 0) continue;
      const where = hit.origin === 'seed' ? 'seed content (shown on a fresh install)' : 'text shown to users';
      findings.push({
        ruleId: 'test-text',
        severity: 'blocking',
        message: `Test text ${terms.map((t) => `"${t}"`).join(', ')} in ${where}: "${excerpt(hit.text)}"`,
        file: hit.file,
        line: hit.line,
        page: hit.page,
        evidence: hit.text,
        fix: 'Replace it with real wording. If the text is deliberate (e.g. the reviewer test-account entry), add an exemption with a reason to review.config.json.',
      });
    }
    return findings;
  },
};

export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
