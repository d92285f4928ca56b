#!/usr/bin/env node
/*
 * The host ships its TypeScript sources (no build step): register tsx's require hook, then run the
 * CLI (src/cli.ts). The same hook loads the mini program's TypeScript pages and the project's
 * `--backend` adapter.
 */
require('tsx/cjs');
require('../src/cli.ts');
