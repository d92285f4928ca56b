/**
 * Which calls should fail and how: one-shot failures queued by failNext (consumed in order) and
 * persistent ones set by setFailure (until cleared). Deciding is separate from answering
 * (injected-failure.ts) so the rules can be read, and tested, on their own.
 */
import { TOKEN_APIS, type FailureMode, type FailureTarget, type FakeApi } from './apis';

interface QueuedFailure {
  target: FailureTarget;
  mode: FailureMode;
  remaining: number;
}

export class FailurePlan {
  private readonly queue: QueuedFailure[] = [];
  private readonly persistent = new Map<FailureTarget, FailureMode>();

  failNext(target: FailureTarget, mode: FailureMode, times = 1): void {
    assertApplicable(target, mode);
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext times must be a positive integer, got ${times}`);
    this.queue.push({ target, mode, remaining: times });
  }

  setFailure(target: FailureTarget, mode: FailureMode | null): void {
    if (mode === null) {
      this.persistent.delete(target);
      return;
    }
    assertApplicable(target, mode);
    this.persistent.set(target, mode);
  }

  /** The failure to inject into this call of `api`, if any; one-shot failures are used up. */
  take(api: FakeApi): FailureMode | undefined {
    for (const target of [api, '*'] as const) {
      const mode = this.persistent.get(target);
      if (mode !== undefined && appliesTo(mode, api)) return mode;
    }
    const index = this.queue.findIndex((failure) => (failure.target === api || failure.target === '*') && appliesTo(failure.mode, api));
    if (index === -1) return undefined;
    const failure = this.queue[index];
    failure.remaining -= 1;
    if (failure.remaining === 0) this.queue.splice(index, 1);
    return failure.mode;
  }

  clear(): void {
    this.queue.length = 0;
    this.persistent.clear();
  }
}

/** A token can only expire for APIs that take one; `'*'` lets such a failure wait for one. */
function appliesTo(mode: FailureMode, api: FakeApi): boolean {
  return mode !== 'expired_token' || TOKEN_APIS.has(api);
}

function assertApplicable(target: FailureTarget, mode: FailureMode): void {
  if (target !== '*' && !appliesTo(mode, target)) {
    throw new Error(`failure mode ${mode} does not apply to ${target}: it takes no access_token`);
  }
}
