/**
 * lazy-code-loading: `"lazyCodeLoading": "requiredComponents"` in app.json, so only the
 * components a page uses are injected (faster start; DevTools' quality check asks for it).
 */
import type { Rule } from '../types';
import { appJsonFile, lineContaining } from '../source/project-files';

export const lazyCodeLoadingRule: Rule = {
  id: 'lazy-code-loading',
  title: 'On-demand component injection (lazyCodeLoading) is on',
  async run(project) {
    if (project.appJson.lazyCodeLoading === 'requiredComponents') return [];
    const appJson = appJsonFile(project);
    return [
      {
        ruleId: 'lazy-code-loading',
        severity: 'warning',
        message:
          project.appJson.lazyCodeLoading === undefined
            ? 'app.json does not set lazyCodeLoading'
            : `app.json sets lazyCodeLoading to "${String(project.appJson.lazyCodeLoading)}"`,
        file: appJson?.path,
        line: appJson && project.appJson.lazyCodeLoading !== undefined ? lineContaining(appJson.text, 'lazyCodeLoading') : undefined,
        fix: 'Add "lazyCodeLoading": "requiredComponents" to app.json.',
      },
    ];
  },
};
