/**
 * Cursors of the moderation queues. Queues read oldest first on (time, id), so the cursor is
 * the last row's pair: the time column is what the *_queue_idx indexes are sorted on, and the id
 * breaks ties between rows written in the same millisecond.
 */
import { MAX_ID } from '@wx-community-starter/contract';
import { AppError } from '../../lib/app-error';

export interface Keyset<Id extends number | string> {
  at: string;
  id: Id;
}

const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z)\|([\w-]{1,64})$/;

export function encodeQueueCursor(at: string, id: number | string): string {
  return Buffer.from(`${at}|${id}`).toString('base64url');
}

export function decodeQueueCursor<Id extends number | string>(
  cursor: string | undefined,
  parseId: (raw: string) => Id | undefined,
): Keyset<Id> | undefined {
  if (cursor === undefined) return undefined;
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  const id = match?.[2] === undefined ? undefined : parseId(match[2]);
  if (!match?.[1] || id === undefined)
    throw new AppError(400, 'invalid_cursor', '加载失败，请下拉刷新', 'cursor is not one this server issued');
  return { at: match[1], id };
}

export const integerId = (raw: string): number | undefined => (/^\d{1,10}$/.test(raw) && Number(raw) <= MAX_ID ? Number(raw) : undefined);
export const textId = (raw: string): string => raw;

/** Lists fetch one row more than asked, to know whether another page exists. */
export function toQueuePage<Row, Item>(
  rows: Row[],
  limit: number,
  keyOf: (row: Row) => [string, number | string],
  present: (row: Row) => Item,
) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(present), nextCursor: rows.length > limit && last !== undefined ? encodeQueueCursor(...keyOf(last)) : null };
}
