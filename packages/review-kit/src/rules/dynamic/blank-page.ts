/**
 * blank-page: every page of app.json, opened headless by a guest against the seeded server,
 * shows something: visible text or an image, not only whitespace, a skeleton or a loading
 * message that never ends. Reviewers reject blank and endless-loading pages outright.
 */
import type { ReviewProject } from '../../project';
import type { RenderedPage } from '../../render/render-job';
import type { Finding, Rule } from '../../types';
import { routeFile } from '../../source/project-files';
import { observeProject } from './dynamic-run';

/** What a page shows while it waits; alone, it is not content. */
const LOADING_ONLY = /^(加载中|正在加载|载入中|请稍候|请稍等|loading)[.。…\s]*$/i;

export const BLANK_PAGE_RULE_ID = 'blank-page';

/** Why the page counts as blank, or undefined when it shows content. */
export function blankReason(page: RenderedPage): string | undefined {
  if (page.error) return `it failed to open: ${page.error}`;
  if (page.imageCount > 0) return undefined;
  const meaningful = page.texts.filter((text) => !LOADING_ONLY.test(text));
  if (meaningful.length > 0) return undefined;
  const waiting = page.settled ? '' : ` and was still waiting (${page.pending ?? 'requests or timers pending'})`;
  return page.texts.length > 0 ? `it only shows "${page.texts.join(' ')}"${waiting}` : `it shows no text and no image${waiting}`;
}

function location(project: ReviewProject, route: string): { file?: string; line?: number } {
  const file = routeFile(project, route, 'wxml');
  return file ? { file: file.path, line: 1 } : {};
}

export const blankPageRule: Rule = {
  id: BLANK_PAGE_RULE_ID,
  title: 'No blank or endless-loading pages',
  async run(project) {
    const observed = await observeProject(project);
    if (observed.renderError) {
      return [
        {
          ruleId: BLANK_PAGE_RULE_ID,
          severity: 'blocking',
          message: `The pages could not be rendered headless, so none is known to show content: ${observed.renderError}`,
          fix: 'Make the mini program compile and run (its build check and tests); if it does, run the kit with --static-only and report the problem with the review kit.',
        },
      ];
    }
    const findings: Finding[] = [];
    for (const page of observed.pages) {
      const reason = blankReason(page);
      if (!reason) continue;
      if (page.error && !project.appJson.pages.includes(page.route)) {
        // The headless host opens main-package pages only: say so rather than call the page blank.
        findings.push({
          ruleId: BLANK_PAGE_RULE_ID,
          severity: 'warning',
          message: `${page.url} (a subpackage page) could not be rendered headless: ${page.error}`,
          page: page.route,
          ...location(project, page.route),
          fix: 'Open this page in WeChat DevTools and check that a guest sees content.',
        });
        continue;
      }
      findings.push({
        ruleId: BLANK_PAGE_RULE_ID,
        severity: 'blocking',
        message: `${page.url} is blank for a guest: ${reason}`,
        page: page.route,
        ...location(project, page.route),
        evidence: page.texts.join(' '),
        fix: 'Show real content at first open: render data from the seeded server, a cached copy, or bundled fallback content with a retry when loading fails, and a friendly guest state on pages that need login. If the page needs a query to open, add it to review.config.json "pageQueries".',
      });
    }
    return findings;
  },
};
