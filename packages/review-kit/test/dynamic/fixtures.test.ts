/**
 * The dynamic rules' fixtures: each plants one defect that only running the project reveals,
 * and the matching rule flags it as blocking, with nothing else blocking.
 */
import path from 'node:path';
import { loadProject, type ReviewProject } from '../../src/project';
import { dynamicRules } from '../../src/rules/dynamic/index';
import type { Finding } from '../../src/types';

const FIXTURES = path.resolve(__dirname, '../fixtures');

async function dynamicReview(name: string): Promise<{ project: ReviewProject; findings: Finding[] }> {
  const project = loadProject(path.join(FIXTURES, name));
  const findings: Finding[] = [];
  for (const rule of dynamicRules) findings.push(...(await rule.run(project, { root: project.root, mode: 'develop' })));
  return { project, findings };
}
const blocking = (findings: Finding[]) => findings.filter((finding) => finding.severity === 'blocking');

describe('fixture blank-page (a page that only ever shows 加载中…)', () => {
  it('is blocked by blank-page on that page only, with the page file', async () => {
    const { findings } = await dynamicReview('blank-page');
    expect(blocking(findings)).toEqual([
      expect.objectContaining({
        ruleId: 'blank-page',
        page: 'pages/notices/index',
        file: 'miniprogram/pages/notices/index.wxml',
        message: expect.stringContaining('only shows "加载中…"'),
      }),
    ]);
    // No server declared: the UGC rule says so instead of failing.
    expect(findings.find((finding) => finding.ruleId === 'ugc-unchecked')).toMatchObject({
      severity: 'info',
      message: expect.stringContaining('server.entry is false'),
    });
  }, 60_000);
});

describe('fixture ugc-unchecked (a route storing user text without the check)', () => {
  it('is blocked by ugc-unchecked on that route only, and proves the checked route', async () => {
    const { findings } = await dynamicReview('ugc-unchecked');
    expect(blocking(findings)).toEqual([
      expect.objectContaining({
        ruleId: 'ugc-unchecked',
        route: 'POST /guestbook',
        file: 'server/review-target.ts',
        line: 26,
        message: expect.stringContaining('"message" (answered 201) without'),
      }),
    ]);
    expect(findings.find((finding) => finding.severity === 'info' && finding.ruleId === 'ugc-unchecked')?.message).toContain(
      'POST /notes text',
    );
  }, 60_000);
});
