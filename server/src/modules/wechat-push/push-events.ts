/** Reads the events we act on out of a verified push message; anything else is acknowledged and ignored. */
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { MediaVerdictPayload } from '../media/media.service';

const MediaCheckEvent = Type.Object({
  MsgType: Type.Literal('event'),
  Event: Type.Literal('wxa_media_check'),
  trace_id: Type.String({ minLength: 1, maxLength: 128 }),
  errcode: Type.Optional(Type.Number()),
  result: Type.Optional(Type.Object({ suggest: Type.Union([Type.Literal('pass'), Type.Literal('review'), Type.Literal('risky')]) })),
});

export function parseMediaCheckEvent(message: unknown): MediaVerdictPayload | null {
  if (!Value.Check(MediaCheckEvent, message)) return null;
  return { traceId: message.trace_id, errcode: message.errcode ?? 0, ...(message.result ? { suggest: message.result.suggest } : {}) };
}
