/** The template's own submission materials, filled from its code and review.config.json. */
import path from 'node:path';
import { buildMaterials, formatMaterials, loadProject, PASSWORD_PLACEHOLDER } from 'miniprogram-review-kit';

const template = loadProject(path.resolve(__dirname, '..', '..'));

describe('materials for the template', () => {
  const materials = buildMaterials(template, {});

  it('lists the privacy types the code uses', () => {
    expect(materials.privacyTypes.map((t) => t.label)).toEqual(['用户信息（微信昵称、头像）', '选中的照片或视频信息']);
    expect(materials.privacyTypes[1].usages).toEqual(['wx.chooseMedia']);
  });

  it('declares the UGC scenes, the platform checks found in the server, and the audit team', () => {
    expect(materials.ugcDeclaration.scenes).toEqual(['用户资料：头像、昵称', '文字：帖子、评论', '图片：帖子配图']);
    expect(materials.ugcDeclaration.methods.join('\n')).toMatch(/msgSecCheck[\s\S]*mediaCheckAsync[\s\S]*人工审核/);
    expect(materials.ugcDeclaration.auditTeam).toBe(true);
    expect(materials.ugcDeclaration.notes).toEqual([]);
  });

  it('picks five key pages with their titles, tab pages first, no login page', () => {
    expect(materials.keyPages).toEqual([
      { route: 'pages/forum/index', label: '社区' },
      { route: 'pages/me/index', label: '我的' },
      { route: 'pages/post/index', label: '帖子详情' },
      { route: 'pages/compose/index', label: '发帖' },
      { route: 'pages/profile/index', label: '设置头像昵称' },
    ]);
  });

  it('writes the version notes in the expected layout, with the password only from the environment', () => {
    expect(materials.category).toBe('社交-社区/论坛');
    for (const part of [
      '本次版本变更',
      '1. 新增：',
      '2. 优化：',
      '3. 修复：',
      '账号：reviewer',
      PASSWORD_PLACEHOLDER,
      '补充说明',
      '支付：不涉及',
      '社交-社区/论坛',
      '用户信息（微信昵称、头像）',
    ]) {
      expect(materials.versionNotes).toContain(part);
    }
    const withPassword = buildMaterials(template, { TEST_ACCOUNT_PASSWORD: 'from-the-environment' });
    expect(withPassword.versionNotes).toContain('密码：from-the-environment');
    expect(withPassword.testAccount.passwordProvided).toBe(true);
    expect(formatMaterials(materials)).toContain('UGC场景信息安全说明');
  });
});
