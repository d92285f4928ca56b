/**
 * Answers a call the way a failing WeChat would, when the failure plan says this call fails.
 * Every route runs it after logging the call and before doing any real work.
 */
import type { FastifyReply } from 'fastify';
import type { FakeApi } from './apis';
import type { FakeWeChatState } from './state';

const BUSY = { errcode: -1, errmsg: 'system error' };

/**
 * True when the reply has been produced (the route must stop). `expired_token` produces no reply:
 * it expires the caller's token through `expireToken`, and the route's own token check answers 42001.
 */
export async function answerInjectedFailure(
  state: FakeWeChatState,
  api: FakeApi,
  reply: FastifyReply,
  expireToken?: () => void,
): Promise<boolean> {
  const mode = state.failures.take(api);
  switch (mode) {
    case undefined:
      return false;
    case 'expired_token':
      expireToken?.();
      return false;
    case 'busy':
      reply.send(BUSY);
      return true;
    case 'http500':
      reply.code(500).type('text/plain').send('Internal Server Error');
      return true;
    case 'timeout':
      await state.held.hold(reply, state.timeoutHoldMs);
      // Usually the client has hung up by now and there is no one left to answer.
      if (reply.request.raw.socket.destroyed) reply.hijack();
      else reply.send(BUSY);
      return true;
  }
}
