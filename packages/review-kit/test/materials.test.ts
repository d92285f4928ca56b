/** Submission materials are filled from the project itself. */
import { buildMaterials } from '../src/materials/index';
import { loadProject } from '../src/project';
import { fixtureProject, removeFixtures, writeFile } from './fixture-project';

afterAll(removeFixtures);

describe('materials for a fork', () => {
  it('follows review.config.json (key pages, audit team, no test account needed) and says what is missing', () => {
    const root = fixtureProject();
    writeFile(
      root,
      'review.config.json',
      JSON.stringify({ keyPages: ['pages/home/index'], ugcAuditTeam: false, testAccount: { required: false, reason: '无需登录' } }),
    );
    const materials = buildMaterials(loadProject(root), {});
    expect(materials.keyPages).toEqual([{ route: 'pages/home/index', label: '首页' }]);
    expect(materials.ugcDeclaration.auditTeam).toBe(false);
    expect(materials.ugcDeclaration.notes).toEqual([expect.stringContaining('msgSecCheck'), expect.stringContaining('mediaCheckAsync')]);
    expect(materials.versionNotes).not.toContain('测试账号');
  });
});
