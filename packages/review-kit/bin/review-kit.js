#!/usr/bin/env node
/*
 * The kit ships its TypeScript sources (no build step): register tsx's require hook, then run the
 * CLI. The same hook lets review.config.json's `server.entry` adapter be a TypeScript module.
 *   review-kit [options]                  the review (see src/cli.ts)
 *   review-kit upload|preview [options]   the review in upload mode, then miniprogram-ci
 */
require('tsx/cjs');
const [command] = process.argv.slice(2);
if (command === 'upload' || command === 'preview') require('../src/publish-cli.ts').run();
else require('../src/cli.ts').run();
