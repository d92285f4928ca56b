/** The readers the rules share: WXML, visible strings in scripts, word matching, URL checks. */
import { apiBaseUrlProblems } from '../src/rules/api-base-url';
import { TEST_TEXT_TERMS } from '../src/rules/test-text';
import { findTerms } from '../src/source/visible-text';
import { visibleStrings } from '../src/source/ts-source';
import { parseWxml, shownText } from '../src/source/wxml';

describe('parseWxml', () => {
  it('reads tags, attributes (with > inside {{}}), text lines, and skips comments and wxs', () => {
    const document = parseWxml(
      [
        '<view class="a" wx:if="{{count > 1}}">',
        '  <!-- <text>测试</text> -->',
        '  <text>第一行</text>',
        '  <wxs module="m">var test = 1;</wxs>',
        '  <input placeholder="请输入" disabled />',
        '</view>',
      ].join('\n'),
    );
    expect(document.elements.map((e) => e.tag)).toEqual(['view', 'text', 'wxs', 'input']);
    expect(document.elements[0].attributes.get('wx:if')).toBe('{{count > 1}}');
    expect(document.elements[3]).toMatchObject({ line: 5 });
    expect(document.elements[3].attributes.get('disabled')).toBe('');
    expect(document.texts).toEqual([{ text: '第一行', line: 3 }]);
  });

  it('shownText keeps literal parts and string literals inside expressions', () => {
    expect(shownText("共 {{n}} 条，{{name || '游客'}}")).toEqual(['共', '条，', '游客']);
  });
});

describe('visibleStrings', () => {
  it('keeps strings a user may see and drops imports, keys, comparisons, paths, console and comments', () => {
    const hits = visibleStrings(
      'a.ts',
      [
        "import x from './test';",
        '// 测试 in a comment',
        "const labels = { 'test-key': '发布成功' };",
        "if (mode === 'test') wx.showToast({ title: `测试 ${n}` });",
        "console.log('test run');",
        "wx.navigateTo({ url: '/pages/test/index' });",
      ].join('\n'),
    ).map((hit) => hit.text);
    expect(hits).toEqual(['发布成功', '测试 ']);
  });
});

describe('findTerms', () => {
  it('matches Latin terms as words only', () => {
    expect(findTerms('这是 test 数据', TEST_TEXT_TERMS)).toEqual(['test']);
    expect(findTerms('Test帖子', TEST_TEXT_TERMS)).toEqual(['Test']);
    expect(findTerms('testAccount test-login-entry data-testid', TEST_TEXT_TERMS)).toEqual([]);
    expect(findTerms('测试账号 111222 Lorem ipsum', TEST_TEXT_TERMS)).toEqual(['测试', '111222', 'Lorem ipsum']);
  });
});

describe('apiBaseUrlProblems', () => {
  it('accepts an https domain and names every problem otherwise', () => {
    expect(apiBaseUrlProblems('https://api.xiaozhen-community.cn')).toEqual([]);
    expect(apiBaseUrlProblems('http://127.0.0.1:3000')).toEqual([expect.stringContaining('http'), expect.stringContaining('IP address')]);
    expect(apiBaseUrlProblems('https://localhost')).toEqual([expect.stringContaining('localhost')]);
    expect(apiBaseUrlProblems('https://[::1]:3000')).toEqual([expect.stringContaining('IP address')]);
    expect(apiBaseUrlProblems('https://api.example.com')).toEqual([expect.stringContaining('placeholder')]);
    expect(apiBaseUrlProblems('not a url')).toEqual(['is not a valid URL']);
  });
});
