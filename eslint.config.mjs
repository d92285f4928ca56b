// Lint: TypeScript correctness plus the house's layering, so a change that breaks a boundary
// fails `npm run lint` (and so `npm test`) instead of waiting for a reviewer to notice.
// Formatting is Prettier's job (`prettier --check`); eslint-config-prettier turns off the rules
// that would fight it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';

const root = path.dirname(fileURLToPath(import.meta.url));
const featureModules = fs
  .readdirSync(path.join(root, 'server/src/modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** Everything under server/src except the development stack (fake WeChat, seed, adapters). */
const productionServerEntries = fs.readdirSync(path.join(root, 'server/src')).filter((entry) => entry !== 'dev');

/** Layering rules, each a zone: files under `target` may not import files matching `from`. */
const zones = [
  // Generic tools know nothing of the template that happens to use them: it passes adapters in.
  ...['server', 'miniprogram', 'tools', 'test', 'typings'].map((from) => ({
    target: './packages',
    from: `./${from}`,
    message: 'packages/* are generic tools: take what you need of this template through an adapter instead.',
  })),
  // The shared contract is the bottom of the house: it depends on nothing of ours.
  ...['server', 'miniprogram', 'packages/review-kit', 'packages/headless-host'].map((from) => ({
    target: './packages/contract',
    from: `./${from}`,
    message: 'the contract is the one thing server and mini program share: it imports neither.',
  })),
  // Stores are plain MobX classes: state, getters, actions. Services do the I/O and call them.
  { target: './miniprogram/stores', from: './miniprogram/services', message: 'stores do no I/O: let a service call the store instead.' },
  { target: './miniprogram/stores', from: './miniprogram/pages', message: 'stores know nothing of pages.' },
  { target: './miniprogram/services', from: './miniprogram/pages', message: 'services know nothing of pages.' },
  { target: './miniprogram', from: './server', message: 'the mini program talks to the server over HTTP; types come from typings/api.' },
  { target: './server/src', from: './miniprogram', message: 'the server knows nothing of the mini program.' },
  { target: './server/src', from: './test', message: 'production code never imports tests.' },
  ...productionServerEntries.map((entry) => ({
    target: `./server/src/${entry}`,
    from: './server/src/dev',
    // The seed is the exception: a production install is seeded too, so it is never empty.
    except: ['./seed'],
    message: 'production code never imports the development stack (fake WeChat, adapters): let dev code pass values in.',
  })),
  // A feature module never reaches into another's repository: shared rules live in a module both call.
  ...featureModules.map((name) => ({
    target: `./server/src/modules/${name}`,
    from: `./server/src/modules/!(${name})/**/*.repository.ts`,
    message: `modules/${name} may not use another feature's repository: call that feature's service or the content-state module.`,
  })),
];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'miniprogram/miniprogram_npm/**',
      '**/dist/**',
      'coverage/**',
      'docs/**',
      '**/fixtures/**',
      'server/data/**',
    ],
  },
  ...tseslint.configs.recommended,
  // Teaches import-x to parse .ts dependencies; without it no-cycle silently sees no edges.
  importX.flatConfigs.typescript,
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.js'],
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['tsconfig.json', 'server/tsconfig.json', 'test/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    // Stores run in the mini program but must not touch its platform: no wx.*, no getApp().
    files: ['miniprogram/stores/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'wx', message: 'stores do no I/O and call no wx API: do it in a service.' },
        { name: 'getApp', message: 'stores are plain classes: pass what they need in.' },
        { name: 'getCurrentPages', message: 'stores know nothing of pages.' },
      ],
    },
  },
  {
    // The tools load other projects' modules by path at run time, and tests load modules fresh.
    files: ['packages/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // miniprogram-api-typings' documented entry is a triple-slash reference.
    files: ['typings/**/*.d.ts'],
    rules: { '@typescript-eslint/triple-slash-reference': 'off' },
  },
  {
    // CommonJS files of our own (jest config, shims).
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
