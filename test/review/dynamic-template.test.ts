/**
 * The template itself passes the dynamic rules: one shared run (server + fake WeChat, every page
 * rendered headless, every write route exercised), asserted from several angles.
 */
import path from 'node:path';
import {
  applyExemptions,
  dynamicRules,
  loadProject,
  observeProject,
  type DynamicObservations,
  type Finding,
  type ReviewProject,
} from 'miniprogram-review-kit';

const ROOT = path.resolve(__dirname, '../..');
let project: ReviewProject;
let observed: DynamicObservations;
let findings: Finding[];

beforeAll(async () => {
  project = loadProject(ROOT);
  observed = await observeProject(project);
  const raw: Finding[] = [];
  for (const rule of dynamicRules) raw.push(...(await rule.run(project, { root: ROOT, mode: 'develop' })));
  findings = applyExemptions(raw, project.config.exemptions);
}, 60_000);

const of = (ruleId: string) => findings.filter((finding) => finding.ruleId === ruleId);

it('renders every page of app.json, each showing content to a guest', () => {
  expect(observed.renderError).toBeUndefined();
  expect(observed.pages.map((page) => page.route)).toEqual(project.pages);
  for (const page of observed.pages) {
    expect([page.route, page.error]).toEqual([page.route, undefined]);
    expect([page.route, page.texts.length]).not.toEqual([page.route, 0]);
  }
  expect(of('blank-page')).toEqual([]);
});

it('opens the post page on a seeded post and shows its title', () => {
  const post = observed.pages.find((page) => page.route === 'pages/post/index');
  expect(post?.url).toMatch(/^\/pages\/post\/index\?id=\d+$/);
  expect(post?.texts).toContain('欢迎来到社区');
});

it('shows the moderation page to a guest as a friendly refusal, not a blank page', () => {
  const moderation = observed.pages.find((page) => page.route === 'pages/moderation/index');
  expect(moderation?.texts.join(' ')).toContain('仅管理员可以使用审核管理');
});

it('renders no test text on any page, the reviewer entry 账号密码登录 included, with no exemption', () => {
  expect(project.config.exemptions ?? []).toEqual([]);
  expect(of('rendered-test-text')).toEqual([]);
  const me = observed.pages.find((page) => page.route === 'pages/me/index');
  expect(me?.texts.join(' ')).toContain('账号密码登录');
});

it('proves the content check on every UGC field, with no blocking or warning finding', () => {
  expect(observed.ugcError).toBeUndefined();
  const ugc = of('ugc-unchecked');
  expect(ugc.filter((finding) => finding.severity !== 'info')).toEqual([]);
  const checked = (observed.ugc?.probes ?? [])
    .filter((probe) => probe.verdict.kind === 'checked')
    .map((probe) => `${probe.route.name} ${probe.field}`);
  expect(checked.sort()).toEqual([
    'POST /media (uploaded image)',
    'POST /posts body',
    'POST /posts title',
    'POST /posts/{id}/comments body',
    'PUT /me nickname',
  ]);
});

it('lists each exempted route once, with its declaration site and reason', () => {
  const exempted = of('ugc-unchecked').filter((finding) => finding.message.includes('not exercised'));
  expect(exempted.find((finding) => finding.route === 'POST /auth/password')).toMatchObject({
    severity: 'info',
    file: 'server/src/modules/auth/auth.routes.ts',
    message: expect.stringContaining('"username", "password", "code" not exercised'),
  });
  expect(exempted.find((finding) => finding.route === 'POST /moderation/users/{id}/ban')?.file).toBe(
    'server/src/modules/moderation/moderation.routes.ts',
  );
  expect(new Set(exempted.map((finding) => finding.route)).size).toBe(exempted.length);
});
