/**
 * What a first open runs: starting from named lifecycle functions (app `onLaunch`, a page's
 * `onLoad`/`onShow`…), follows calls through the project's own code — same-file functions,
 * `this.method()`, imported functions and `importedObject.method()` — and collects every `wx.*`
 * call reached, with the navigation target when it can be read statically. Tap handlers are not
 * followed unless a lifecycle calls them, which is exactly the difference between "the user chose
 * to log in" and "the app demanded it".
 */
import path from 'node:path';
import ts from 'typescript';
import type { ReviewProject, SourceFile } from '../project';
import { isScript } from './project-files';
import { lineOf, parseSource, walk, wxApiName } from './ts-source';

export interface ReachedWxCall {
  api: string;
  file: string;
  line: number;
  /** For navigation APIs: the target route when readable (`pages/login/index`). */
  route?: string;
  /** The chain of functions that led here, e.g. `onLaunch → ensureLogin`. */
  via: string[];
}

export const NAVIGATION_APIS = new Set(['navigateTo', 'redirectTo', 'reLaunch', 'switchTab']);
/** wx APIs whose callbacks run only after the user chose something (a tap on a modal or sheet). */
export const USER_CHOICE_APIS = new Set(['showModal', 'showActionSheet']);

/**
 * Whether `node` runs only after a user's tap: inside a success/complete/fail callback of
 * wx.showModal/showActionSheet, or a `.then()` on one. Such code is not reached at first open
 * by itself (a redirect after the user taps 去登录 is not forced login).
 */
export function afterUserChoice(node: ts.Node, stopAt: ts.Node): boolean {
  for (let current: ts.Node | undefined = node; current && current !== stopAt; current = current.parent) {
    if (!ts.isFunctionExpression(current) && !ts.isArrowFunction(current)) continue;
    const holder = current.parent;
    if (holder && ts.isPropertyAssignment(holder) && /^(success|complete|fail)$/.test(propertyNameText(holder.name) ?? '')) {
      const call = holder.parent?.parent;
      if (call && ts.isCallExpression(call) && USER_CHOICE_APIS.has(wxApiName(call.expression) ?? '')) return true;
    }
    if (holder && ts.isMethodDeclaration(holder)) continue;
    if (
      holder &&
      ts.isCallExpression(holder) &&
      ts.isPropertyAccessExpression(holder.expression) &&
      holder.expression.name.text === 'then'
    ) {
      const target = holder.expression.expression;
      if (ts.isCallExpression(target) && USER_CHOICE_APIS.has(wxApiName(target.expression) ?? '')) return true;
    }
  }
  return false;
}
const MAX_DEPTH = 8;

type FunctionLike = ts.FunctionLikeDeclaration;

class ScriptIndex {
  private readonly byPath = new Map<string, SourceFile>();

  constructor(readonly project: ReviewProject) {
    for (const file of project.miniprogramFiles.filter(isScript)) this.byPath.set(file.absolutePath, file);
  }

  source(file: SourceFile): ts.SourceFile {
    return parseSource(file.path, file.text);
  }

  resolveImport(from: SourceFile, specifier: string): SourceFile | undefined {
    if (!specifier.startsWith('.')) return undefined;
    const base = path.resolve(path.dirname(from.absolutePath), specifier);
    for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, 'index.ts'), path.join(base, 'index.js')]) {
      const file = this.byPath.get(candidate);
      if (file) return file;
    }
    return undefined;
  }

  /** Local name → where it is imported from (`*` for a namespace import). */
  imports(file: SourceFile): Map<string, { file: SourceFile; name: string }> {
    const imports = new Map<string, { file: SourceFile; name: string }>();
    for (const statement of this.source(file).statements) {
      if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
      const target = this.resolveImport(file, statement.moduleSpecifier.text);
      const clause = statement.importClause;
      if (!target || !clause) continue;
      if (clause.name) imports.set(clause.name.text, { file: target, name: 'default' });
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) imports.set(bindings.name.text, { file: target, name: '*' });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements)
          imports.set(element.name.text, { file: target, name: (element.propertyName ?? element.name).text });
      }
    }
    return imports;
  }

  /** Functions, arrow consts, object-literal methods and class methods with this name in a file. */
  functionsNamed(file: SourceFile, name: string): FunctionLike[] {
    const found: FunctionLike[] = [];
    walk(this.source(file), (node) => {
      if (
        (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) &&
        node.name &&
        propertyNameText(node.name) === name &&
        node.body
      )
        found.push(node);
      else if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name &&
        node.initializer &&
        isFunctionExpression(node.initializer)
      )
        found.push(node.initializer);
      else if (ts.isPropertyAssignment(node) && propertyNameText(node.name) === name && isFunctionExpression(node.initializer))
        found.push(node.initializer);
    });
    return found;
  }

  /** A string constant's value (`const LOGIN_URL = '/pages/login/index'`), same file or imported. */
  constantValue(file: SourceFile, name: string, depth = 0): string | undefined {
    let value: string | undefined;
    walk(this.source(file), (node) => {
      if (
        value === undefined &&
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.name.text === name &&
        node.initializer
      ) {
        value = staticString(node.initializer);
      }
    });
    if (value !== undefined || depth > 2) return value;
    const imported = this.imports(file).get(name);
    return imported && imported.name !== '*' ? this.constantValue(imported.file, imported.name, depth + 1) : undefined;
  }
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function isFunctionExpression(node: ts.Node): node is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(node) || ts.isFunctionExpression(node);
}

/** A literal string, or the fixed start of a template (`/pages/post/index?id=${id}` → its head). */
function staticString(node: ts.Expression): string | undefined {
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text;
  if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node)) return staticString(node.expression);
  return undefined;
}

/** `pages/login/index` from `/pages/login/index?from=me` or `../login/index` (relative to the caller's folder). */
export function routeFromUrl(url: string, fromFile: string, miniprogramRoot: string): string {
  const bare = url.split('?')[0];
  if (bare.startsWith('/')) return path.posix.normalize(bare.slice(1));
  const fromDir = path.relative(miniprogramRoot, path.dirname(fromFile)).split(path.sep).join('/');
  return path.posix.normalize(path.posix.join(fromDir, bare));
}

function navigationUrl(index: ScriptIndex, file: SourceFile, call: ts.CallExpression): string | undefined {
  const options = call.arguments[0];
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const property of options.properties) {
    if (ts.isPropertyAssignment(property) && propertyNameText(property.name) === 'url') {
      const literal = staticString(property.initializer);
      if (literal !== undefined) return literal;
      if (ts.isIdentifier(property.initializer)) return index.constantValue(file, property.initializer.text);
    }
    if (ts.isShorthandPropertyAssignment(property) && property.name.text === 'url') return index.constantValue(file, 'url');
  }
  return undefined;
}

/** The wx calls reached from `entryNames` functions of `start`, following the project's own code. */
export function wxCallsReachedFrom(project: ReviewProject, start: SourceFile, entryNames: string[]): ReachedWxCall[] {
  const index = new ScriptIndex(project);
  const reached: ReachedWxCall[] = [];
  const visited = new Set<string>();
  const queue: { file: SourceFile; name: string; via: string[] }[] = entryNames.map((name) => ({ file: start, name, via: [name] }));

  while (queue.length > 0) {
    const { file, name, via } = queue.shift()!;
    const key = `${file.absolutePath}#${name}`;
    if (visited.has(key) || via.length > MAX_DEPTH) continue;
    visited.add(key);
    const source = index.source(file);
    const imports = index.imports(file);
    for (const fn of index.functionsNamed(file, name)) {
      walk(fn.body!, (node) => {
        if (!ts.isCallExpression(node) || afterUserChoice(node, fn.body!)) return;
        const callee = node.expression;
        const api = wxApiName(callee);
        if (api) {
          const url = NAVIGATION_APIS.has(api) ? navigationUrl(index, file, node) : undefined;
          reached.push({
            api,
            file: file.path,
            line: lineOf(source, node),
            via,
            route: url === undefined ? undefined : routeFromUrl(url, file.absolutePath, project.miniprogramRoot),
          });
          return;
        }
        const follow = (target: SourceFile, targetName: string) =>
          queue.push({ file: target, name: targetName, via: [...via, targetName] });
        if (ts.isIdentifier(callee)) {
          const imported = imports.get(callee.text);
          if (imported && imported.name !== '*' && imported.name !== 'default') follow(imported.file, imported.name);
          else follow(file, callee.text);
        } else if (ts.isPropertyAccessExpression(callee)) {
          const owner = callee.expression;
          if (owner.kind === ts.SyntaxKind.ThisKeyword) follow(file, callee.name.text);
          else if (ts.isIdentifier(owner) && imports.has(owner.text)) follow(imports.get(owner.text)!.file, callee.name.text);
        }
      });
    }
  }
  return reached;
}
