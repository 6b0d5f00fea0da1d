import { DomainError } from '../../../common/errors/domain-error.js';
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
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) throw new Error('shape');
    const [s, key, id] = parsed as [unknown, unknown, unknown];
    if (s !== sort || typeof id !== 'string' || !keyFits(sort, key)) throw new Error('shape');
    return { sort, key, id };
  } catch {
    throw new DomainError('cursor.invalid', 'cursor is not a cursor from this list (with this sort)');
  }
}

/**
 * The key must be of the kind the sort compares: a forged cursor with a number where a date
 * belongs (or a date string, NaN or 1e999 where a rank belongs) would reach the SQL otherwise.
 */
function keyFits(sort: Sort, key: unknown): key is string | number | null {
  if (sort === 'severity') return Number.isSafeInteger(key);
  if (key === null) return sort === 'nextDue';
  return typeof key === 'string' && ISO_INSTANT.test(key) && !Number.isNaN(Date.parse(key));
}

/** What `Date.prototype.toISOString` writes, which is what `encodeCursor` is given. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
