/**
 * A counter that moves whenever content may have changed state, so caches of public pages
 * (forum/public-pages.ts) know they are stale. Every state change in this module bumps it; the
 * app bumps it again when a writing request or a job has finished, i.e. after its transaction
 * committed, so a page built from another connection between the change and its commit is not
 * kept. One counter per process: a bump anywhere invalidates every cache in it.
 */
let version = 0;

export function contentVersion(): number {
  return version;
}

export function contentChanged(): void {
  version += 1;
}
