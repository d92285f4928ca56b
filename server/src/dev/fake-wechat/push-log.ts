/**
 * Every push the fake delivered (or tried to), oldest first, so tests can assert what the
 * server under test answered, and wait for pushes that happen in the background.
 */
import type { MediaCheckEvent } from './media-check-event';
import type { PushMode } from './push-config';

export interface FakePush {
  traceId: string;
  mode: PushMode;
  /** `automatic` after media_check_async, `pushFor` when a test asked for it. */
  trigger: 'automatic' | 'pushFor';
  /** Signed with the wrong token on purpose (`pushFor(…, { forgeSignature: true })`). */
  forged: boolean;
  /** The query string parameters sent: signature, timestamp, nonce (+ openid, encrypt_type, msg_signature in safe mode). */
  query: Readonly<Record<string, string>>;
  /** The event, before encryption in safe mode. */
  event: MediaCheckEvent;
  /** The receiver's HTTP status; 0 when it did not answer (refused, reset, no answer within 5 s). */
  status: number;
  /** The receiver's body, as text. */
  body: string;
  /** What WeChat counts as delivered: HTTP 200 with `success` or an empty body, within 5 s. */
  acknowledged: boolean;
  /** Why there was no answer, when status is 0. */
  error?: string;
}

interface Waiter {
  count: number;
  resolve: (pushes: readonly FakePush[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** A long `npm start` must not grow the log without bound; the oldest pushes go. */
export const PUSH_LOG_LIMIT = 1000;

export class PushLog {
  readonly list: FakePush[] = [];
  private readonly waiters = new Set<Waiter>();

  record(push: FakePush): void {
    this.list.push(push);
    if (this.list.length > PUSH_LOG_LIMIT) this.list.splice(0, this.list.length - PUSH_LOG_LIMIT);
    for (const waiter of [...this.waiters]) {
      if (this.list.length >= waiter.count) this.settle(waiter, () => waiter.resolve(this.list));
    }
  }

  /** Resolves with the log once it holds at least `count` pushes; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<readonly FakePush[]> {
    if (this.list.length >= count) return Promise.resolve(this.list);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.settle(waiter, () =>
            reject(
              new Error(`waited ${timeoutMs} ms for ${count} push(es), got ${this.list.length}: ${JSON.stringify(this.list.map(summary))}`),
            ),
          );
        }, timeoutMs),
      };
      waiter.timer.unref();
      this.waiters.add(waiter);
    });
  }

  /** Emptied in place: tests may hold on to `fake.pushes` across a reset. */
  clear(): void {
    this.list.length = 0;
  }

  close(): void {
    for (const waiter of [...this.waiters])
      this.settle(waiter, () => waiter.reject(new Error('fake WeChat closed while waiting for pushes')));
  }

  private settle(waiter: Waiter, settle: () => void): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    settle();
  }
}

function summary(push: FakePush): object {
  return { traceId: push.traceId, status: push.status, body: push.body.slice(0, 100), error: push.error };
}
