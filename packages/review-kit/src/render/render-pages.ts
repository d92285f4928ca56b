/**
 * Child process: renders every page of a mini program headless, as a guest opening it, and
 * writes what a user would see. Run as `tsx render-pages.ts <job.json> <out.json>` (render-in-child.ts).
 *
 * A separate process because the headless runtime replaces globals (wx, Component, Page,
 * setTimeout, a DOM) that neither the CLI nor a jest worker may keep. The result goes to a file,
 * not stdout, where the mini program's own console output would mix in.
 */
import fs from 'node:fs';
import { createAppHost, installDom, installWxFake, preferScriptsUnder } from 'miniprogram-headless-host/runtime';
import type { RenderedPage, RenderJob, RenderResult } from './render-job';
import { visibleContent } from './visible-content';

const STILL_PENDING = /^settle\(\): still pending/;

/** The error's message on one line, shortened: the report names the page and says what broke. */
function message(error: unknown): string {
  // wx failures are plain objects ({ errMsg }): String() would print [object Object].
  const raw =
    error instanceof Error
      ? error.message
      : error !== null && typeof error === 'object'
        ? typeof (error as { errMsg?: unknown }).errMsg === 'string'
          ? (error as { errMsg: string }).errMsg
          : typeof (error as { message?: unknown }).message === 'string'
            ? (error as { message: string }).message
            : JSON.stringify(error)
        : String(error);
  const text = raw.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

async function renderPages(job: RenderJob): Promise<RenderResult> {
  // Order matters: simulate (required by createAppHost) needs the DOM, and copies global.wx when first required.
  installDom();
  preferScriptsUnder(job.miniprogramRoot);
  const fake = installWxFake();
  fake.configure({
    ...(job.loginCodeUrl ? { loginCodeUrl: job.loginCodeUrl } : {}),
    // Without a review server, point the API at a closed port: the app behaves as if offline.
    rewriteOrigins: { [job.apiBaseUrl.replace(/\/+$/, '')]: job.apiUrl ?? 'http://127.0.0.1:9' },
  });
  const host = createAppHost({ rootPath: job.miniprogramRoot, settleTimeoutMs: job.settleTimeoutMs });

  const pages: RenderedPage[] = [];
  let launched = false;
  for (const { route, query } of job.pages) {
    const url = `/${route}${query ? `?${query}` : ''}`;
    // A privacy request an earlier page left pending would show its popup on this one.
    fake.privacy.reset();
    let settled = true;
    let pending: string | undefined;
    let error: string | undefined;
    try {
      if (launched) await host.reLaunch(url);
      else await host.launch(url);
    } catch (caught) {
      const text = message(caught);
      if (STILL_PENDING.test(text)) {
        settled = false;
        pending = text;
      } else {
        error = text;
      }
    }
    launched = true;
    let content = { texts: [] as string[], imageCount: 0 };
    try {
      const current = host.currentPage();
      if (current.route === route) content = visibleContent(current.component.dom);
      else error ??= `the page redirected to ${current.route}`;
    } catch (caught) {
      error ??= message(caught);
    }
    pages.push({ route, url, ...content, settled, ...(pending ? { pending } : {}), ...(error ? { error } : {}) });
  }
  host.close();
  return { pages };
}

async function main(): Promise<void> {
  const [jobFile, outFile] = process.argv.slice(2);
  if (!jobFile || !outFile) throw new Error('usage: render-pages.ts <job.json> <out.json>');
  // Async failures inside page code must not end the run: the page then shows what it shows.
  process.on('unhandledRejection', (reason) => console.error('unhandled rejection in the mini program:', message(reason)));
  const job = JSON.parse(fs.readFileSync(jobFile, 'utf8')) as RenderJob;
  const result = await renderPages(job);
  fs.writeFileSync(outFile, JSON.stringify(result));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
