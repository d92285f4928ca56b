/**
 * Every request the fake received, per API, so tests can assert what a client sent (the scene,
 * force_refresh…) or that it sent nothing. Each entry is the query and body fields as received,
 * minus `secret` and `access_token`: the log is printed by failing tests and served over HTTP.
 */
import { FAKE_APIS, type FakeApi } from './apis';

export type FakeCall = Readonly<Record<string, unknown>>;

const HIDDEN = new Set(['secret', 'access_token']);
/** Per API: a long `npm start` must not grow the log without bound; the oldest entries go. */
export const CALL_LOG_LIMIT = 1000;

export class CallLog {
  readonly byApi: Readonly<Record<FakeApi, FakeCall[]>> = emptyLog();

  record(api: FakeApi, received: Readonly<Record<string, unknown>>): void {
    const log = this.byApi[api];
    log.push(Object.fromEntries(Object.entries(received).filter(([key]) => !HIDDEN.has(key))));
    if (log.length > CALL_LOG_LIMIT) log.splice(0, log.length - CALL_LOG_LIMIT);
  }

  clear(): void {
    // Emptied in place: tests may hold on to `fake.calls.x` across a reset.
    for (const api of FAKE_APIS) this.byApi[api].length = 0;
  }
}

/** Spelled out so that adding an API to apis.ts fails to compile until it has a log. */
function emptyLog(): Record<FakeApi, FakeCall[]> {
  return { jscode2session: [], stable_token: [], msg_sec_check: [], media_check_async: [] };
}
