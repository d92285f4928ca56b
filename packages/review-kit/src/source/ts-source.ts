/**
 * Reads TypeScript/JavaScript sources through the TypeScript compiler's parser, so the rules see
 * code as code: comments are never mistaken for UI text, and `wx.getUserProfile` in a comment is
 * not a call. Parsed files are cached per path and text.
 */
import ts from 'typescript';

const cache = new Map<string, { text: string; source: ts.SourceFile }>();

export function parseSource(filePath: string, text: string): ts.SourceFile {
  const cached = cache.get(filePath);
  if (cached && cached.text === text) return cached.source;
  const kind = filePath.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(filePath, text, ts.ScriptTarget.Latest, true, kind);
  cache.set(filePath, { text, source });
  return source;
}

export function lineOf(source: ts.SourceFile, node: ts.Node): number {
  return source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
}

export function walk(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

export interface StringLiteralHit {
  text: string;
  line: number;
}

const COMPARISON_OPERATORS = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

/**
 * Whether a string literal is data a user could see, rather than an identifier the code uses:
 * module specifiers, object keys, `obj['key']`, literal types, comparisons, `case` labels and
 * console arguments are never shown.
 */
function mayBeShown(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent)) return false;
  if (ts.isLiteralTypeNode(parent)) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node)
    return false;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return false;
  if (ts.isBinaryExpression(parent) && COMPARISON_OPERATORS.has(parent.operatorToken.kind)) return false;
  if (ts.isCaseClause(parent)) return false;
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression;
    if (ts.isIdentifier(callee) && callee.text === 'require') return false;
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'console') return false;
  }
  return true;
}

/** Paths and URLs carry route and file names, not words shown to a user. */
function looksLikePath(text: string): boolean {
  return /^(\.{0,2}\/|[a-z]+:\/\/)/i.test(text.trim());
}

/** String literals and template-literal text of a source file that may reach the screen. */
export function visibleStrings(filePath: string, text: string): StringLiteralHit[] {
  const source = parseSource(filePath, text);
  const hits: StringLiteralHit[] = [];
  walk(source, (node) => {
    let value: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) value = node.text;
    else if (ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) value = node.text;
    if (value === undefined || value.trim() === '') return;
    // A template's text parts are judged by where the whole template expression is used.
    const owner = ts.isTemplateHead(node) ? node.parent : ts.isTemplateMiddle(node) || ts.isTemplateTail(node) ? node.parent.parent : node;
    if (!mayBeShown(owner)) return;
    if (looksLikePath(value)) return;
    hits.push({ text: value, line: lineOf(source, node) });
  });
  return hits;
}

export interface WxCall {
  /** The API name: `getUserProfile` for `wx.getUserProfile(...)`. */
  api: string;
  line: number;
  node: ts.CallExpression;
}

/** `wx.X(...)` calls (also `wx['X'](...)`). */
export function wxCalls(filePath: string, text: string): WxCall[] {
  const source = parseSource(filePath, text);
  const calls: WxCall[] = [];
  walk(source, (node) => {
    if (!ts.isCallExpression(node)) return;
    const api = wxApiName(node.expression);
    if (api) calls.push({ api, line: lineOf(source, node), node });
  });
  return calls;
}

/** `wx.X` or `wx['X']` → `X`. */
export function wxApiName(expression: ts.Expression): string | undefined {
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression) && expression.expression.text === 'wx')
    return expression.name.text;
  if (
    ts.isElementAccessExpression(expression) &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'wx' &&
    ts.isStringLiteralLike(expression.argumentExpression)
  ) {
    return expression.argumentExpression.text;
  }
  return undefined;
}

/** Every mention of `wx.X` in code (calls, references such as `typeof wx.X`), with its line. */
export function wxReferences(filePath: string, text: string): { api: string; line: number }[] {
  const source = parseSource(filePath, text);
  const found: { api: string; line: number }[] = [];
  walk(source, (node) => {
    if (!ts.isPropertyAccessExpression(node) && !ts.isElementAccessExpression(node)) return;
    const api = wxApiName(node);
    if (api) found.push({ api, line: lineOf(source, node) });
  });
  return found;
}
