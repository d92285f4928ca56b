/** `review-kit`: exit codes, --json, --materials, argument errors. */
import { main } from '../src/cli';
import { fixtureProject, removeFixtures } from './fixture-project';

afterAll(removeFixtures);

async function run(args: string[]): Promise<{ code: number; output: string }> {
  const out: string[] = [];
  const code = await main(args, (text) => out.push(text));
  return { code, output: out.join('\n') };
}

describe('review cli', () => {
  it('exits 0 on a passing project and prints a readable report', async () => {
    const { code, output } = await run(['--static-only', '--root', fixtureProject()]);
    expect(code).toBe(0);
    expect(output).toContain('PASS: 0 blocking');
  });

  it('exits 1 on a blocking finding, with rule id, location and fix', async () => {
    const { code, output } = await run(['--static-only', '--root', fixtureProject('test-text')]);
    expect(code).toBe(1);
    expect(output).toMatch(/✗ \[test-text\][\s\S]*at {2}miniprogram\/pages\/home\/index\.wxml:2[\s\S]*fix /);
  });

  it('--mode upload makes release-only rules blocking', async () => {
    expect((await run(['--static-only', '--root', fixtureProject('localhost-url')])).code).toBe(0);
    expect((await run(['--static-only', '--mode', 'upload', '--root', fixtureProject('localhost-url')])).code).toBe(1);
  });

  it('--json carries findings and materials', async () => {
    const { output } = await run(['--static-only', '--json', '--root', fixtureProject('branding')]);
    const report = JSON.parse(output) as {
      passed: boolean;
      findings: { ruleId: string }[];
      materials: { category: string; versionNotes: string };
    };
    expect(report.passed).toBe(false);
    expect(report.findings.map((f) => f.ruleId)).toContain('wechat-branding');
    expect(report.materials.category).toBe('社交-社区/论坛');
  });

  it('--materials prints the submission materials before the report', async () => {
    const { output } = await run(['--static-only', '--materials', '--root', fixtureProject()]);
    expect(output.indexOf('本次版本变更')).toBeLessThan(output.indexOf('PASS'));
  });

  it('exits 2 on bad arguments', async () => {
    expect((await run(['--mode', 'release'])).code).toBe(2);
    expect((await run(['--frobnicate'])).code).toBe(2);
  });
});
