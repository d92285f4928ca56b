/**
 * Requests the fake deliberately leaves unanswered (failure mode `timeout`). The timers are
 * unref'd and released on close(), so a held request never keeps a test process alive or
 * delays shutdown; a client that gives up releases its request at once.
 */
import type { FastifyReply } from 'fastify';

export class HeldResponses {
  private readonly releases = new Set<() => void>();

  /** Resolves after `ms`, when the client hangs up, or on releaseAll(), whichever comes first. */
  hold(reply: FastifyReply, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        reply.raw.off('close', release);
        this.releases.delete(release);
        resolve();
      };
      const timer = setTimeout(release, ms);
      timer.unref();
      reply.raw.once('close', release);
      this.releases.add(release);
    });
  }

  releaseAll(): void {
    for (const release of [...this.releases]) release();
  }
}
