/**
 * The kit on real project shapes, unmodified: its own shape fixtures (test/fixtures/shapes) and the
 * headless host's (DevTools JS template at the root, TypeScript with srcMiniprogramRoot and a
 * committed miniprogram_npm, no project.config.json, cloud + uncommitted miniprogram_npm). The
 * findings on each are exactly the planted ones.
 */
import path from 'node:path';
import { review } from './fixture-project';
import type { Finding } from '../src/types';

const SHAPES = path.join(__dirname, 'fixtures', 'shapes');
const HOST_FIXTURES = path.join(__dirname, '..', '..', 'headless-host', 'test', 'fixtures');
const summary = (findings: Finding[]) =>
  findings
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.severity} ${f.ruleId} ${f.file ?? ''}${f.line ? `:${f.line}` : ''}`)
    .sort();

describe('project shapes', () => {
  it.each([
    // DevTools' JS template shape: it lacks lazyCodeLoading, as DevTools' own template does.
    ['js-root', HOST_FIXTURES, ['warning lazy-code-loading app.json']],
    ['ts-npm', HOST_FIXTURES, []],
    ['fragile', HOST_FIXTURES, ['warning lazy-code-loading app.json']],
    ['js-npm', HOST_FIXTURES, ['warning lazy-code-loading app.json']],
  ] as const)('%s: the host fixture reviews with exactly the expected findings', async (name, dir, expected) => {
    expect(summary(await review(path.join(dir, name)))).toEqual(expected);
  });

  it('descriptive WeChat wording, a vendored SDK and test files: no wechat-branding or test-text finding at all', async () => {
    const findings = await review(path.join(SHAPES, 'descriptive'));
    expect(findings.filter((f) => ['wechat-branding', 'test-text', 'api-base-url'].includes(f.ruleId))).toEqual([]);
    expect(summary(findings)).toEqual([]);
  });

  it('claims to be WeChat/Tencent and a WeChat logo still block', async () => {
    const findings = (await review(path.join(SHAPES, 'claims'))).filter((f) => f.ruleId === 'wechat-branding');
    expect(findings.map((f) => `${f.severity} ${f.file}${f.line ? `:${f.line}` : ''}`).sort()).toEqual([
      'blocking images/wechat.png',
      'blocking images/weixin-logo.png',
      'blocking pages/home/home.wxml:1',
      'blocking pages/home/home.wxml:2',
    ]);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/腾讯出品[\s\S]*微信官方/);
  });

  it('api-base-url flags http, LAN and ws hosts under any name, and what reaches wx.request', async () => {
    const develop = (await review(path.join(SHAPES, 'hosts'))).filter((f) => f.ruleId === 'api-base-url');
    expect(develop.map((f) => `${f.severity} ${f.file}:${f.line} ${f.evidence}`).sort()).toEqual([
      'warning app.js:1 http://192.168.1.20:8080',
      'warning pages/index/index.js:6 ws://chat.shop-demo.cn/live',
      'warning utils/request.js:1 http://10.0.0.5:3000',
    ]);
    expect(develop.find((f) => f.evidence === 'http://10.0.0.5:3000')?.message).toContain('SERVER → wx.request');
    expect(develop.find((f) => f.evidence === 'http://192.168.1.20:8080')?.message).toContain('LAN');
    const upload = (await review(path.join(SHAPES, 'hosts'), 'upload')).filter((f) => f.ruleId === 'api-base-url');
    expect(upload.map((f) => f.severity)).toEqual(['blocking', 'blocking', 'blocking']);
  });
});
