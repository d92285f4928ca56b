/** Opaque page cursors: the last row's id, so pages stay stable while new rows arrive. */
import { MAX_ID } from '@wx-community-starter/contract';
import { AppError } from './app-error';

export function encodeCursor(id: number): string {
  return Buffer.from(`id:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const match = /^id:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  // An id past the column's range was never issued; PostgreSQL would refuse to compare with it.
  if (!match || Number(match[1]) > MAX_ID)
    throw new AppError(400, 'invalid_cursor', '加载失败，请下拉刷新', 'cursor is not one this server issued');
  return Number(match[1]);
}

/** Lists fetch one row more than asked, to know whether another page exists. */
export function toPage<Row extends { id: number }, Item>(rows: Row[], limit: number, present: (row: Row) => Item) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(present), nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}
