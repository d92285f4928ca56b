/**
 * Real Chromium for browser tests: Debian's /usr/bin/chromium (or CHROMIUM_PATH), driven by
 * playwright-core, which never downloads a browser. Without it a suite is skipped with the reason
 * printed; in CI (CI=true, where .ci/run installs the package) a missing browser fails instead,
 * so the browser tests can never pass by not running.
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export function describeWithChromium(): jest.Describe {
  if (fs.existsSync(CHROMIUM_PATH)) return describe;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required in CI but ${CHROMIUM_PATH} is missing (.ci/run installs the chromium package)`);
  }
  console.warn(`skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
  return describe.skip;
}

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}
