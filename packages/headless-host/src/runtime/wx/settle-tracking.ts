/**
 * Pending work, for the app host's settle(): every in-flight request, login, nextTick or tracked
 * timer is a labelled entry until it is done. `settleApi` runs an API the way WeChat does
 * (callbacks asynchronously, or a promise when no callback is given) and counts it as work.
 */
import { callback, isRecord } from './helpers';
import type { ApiTable, WxOptions } from './types';

export type SettleApi = (
  name: string,
  opts: WxOptions,
  run: (waitForUser: <T>(p: Promise<T>) => Promise<T>) => Promise<WxOptions>,
) => Promise<WxOptions> | undefined;

export interface WorkTracker {
  readonly inFlight: string[];
  beginWork(label: string): () => void;
  track<T>(label: string, work: Promise<T>): Promise<T>;
  settleApi: SettleApi;
  /** `wx.nextTick`, counted as work until its callback ran. */
  apis: ApiTable;
}

export function createWorkTracker(): WorkTracker {
  const work = new Map<number, string>();
  let workSeq = 0;

  const beginWork = (label: string): (() => void) => {
    const id = ++workSeq;
    work.set(id, label);
    return () => {
      work.delete(id);
    };
  };
  const track = <T>(label: string, promise: Promise<T>): Promise<T> => {
    const done = beginWork(label);
    return promise.finally(done);
  };

  /**
   * Runs callbacks asynchronously, as WeChat does; without callbacks returns a promise (promisified
   * APIs). The call counts as in-flight work for settle(), except while it waits on the user
   * (`waitForUser`, e.g. a privacy popup).
   */
  const settleApi: SettleApi = (name, opts, run) => {
    const hasCallbacks = ['success', 'fail', 'complete'].some((key) => typeof opts[key] === 'function');
    let done = beginWork(name);
    const waitForUser = <T>(p: Promise<T>): Promise<T> => {
      done();
      return p.finally(() => {
        done = beginWork(name);
      });
    };
    const delivered = run(waitForUser)
      .then(
        (result) => ({ ok: true as const, result: { errMsg: `${name}:ok`, ...result } }),
        (error: unknown) => ({
          ok: false as const,
          result:
            isRecord(error) && typeof error.errMsg === 'string'
              ? (error as WxOptions)
              : { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` },
        }),
      )
      .then((o) => {
        try {
          if (o.ok) callback(opts, 'success')?.(o.result);
          else callback(opts, 'fail')?.(o.result);
          callback(opts, 'complete')?.(o.result);
        } finally {
          done();
        }
        return o;
      });
    if (hasCallbacks) return undefined;
    return delivered.then((o) => (o.ok ? o.result : Promise.reject(o.result)));
  };

  const apis: ApiTable = {
    nextTick(fn) {
      const done = beginWork('nextTick');
      setTimeout(() => {
        try {
          if (typeof fn === 'function') (fn as () => void)();
        } finally {
          done();
        }
      }, 0);
    },
  };

  return {
    get inFlight() {
      return [...work.values()];
    },
    beginWork,
    track,
    settleApi,
    apis,
  };
}
