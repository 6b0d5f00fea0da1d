import { DomainError } from '../../common/errors/domain-error.js';
import type { Sort } from './list-tickets.query.js';

/** Where a page ended: the sort it belongs to, the sort key of its last row, and that row's id. */
export interface QueueCursor {
  sort: Sort;
  key: string | number | null;
  id: string;
}

export function encodeCursor(cursor: QueueCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(raw: string, sort: Sort): QueueCursor {
  try {
    const [s, key, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as [Sort, string | number | null, string];
    const keyOk = key === null || typeof key === 'string' || typeof key === 'number';
    if (s !== sort || !keyOk || typeof id !== 'string') throw new Error('shape');
    if (typeof key === 'string' && Number.isNaN(Date.parse(key))) throw new Error('date');
    return { sort: s, key, id };
  } catch {
    throw new DomainError('cursor.invalid', 'cursor is not a cursor from this list (with this sort)');
  }
}
