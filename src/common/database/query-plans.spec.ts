import { describe, expect, it } from 'vitest';
import { fullScans, isRead, reads } from './query-plans.js';

describe('reading query plans', () => {
  it('calls a table read whole a full scan, and an index search or ordered index walk not', () => {
    expect(fullScans(['SCAN t', 'SEARCH c USING INDEX sqlite_autoindex_customers_1 (id=?)'])).toEqual(['SCAN t']);
    expect(fullScans(['SCAN t USING INDEX IDX_tickets_due', 'SEARCH t USING INDEX IDX_tickets_due (nextDueAt>?)'])).toEqual([]);
    expect(fullScans(['Limit  (cost=0.29..8.30 rows=1 width=4)', '  ->  Seq Scan on tickets t  (cost=10000000000.00..10000000001.00 rows=1 width=4)'])).toHaveLength(1);
    expect(fullScans(['Index Scan using "IDX_tickets_due" on tickets t'])).toEqual([]);
  });

  it('knows reads, and which tables a statement reads', () => {
    expect(isRead({ sql: 'SELECT 1', params: [] })).toBe(true);
    expect(isRead({ sql: 'INSERT INTO tickets VALUES (1)', params: [] })).toBe(false);
    expect(reads({ sql: 'SELECT * FROM "tickets" "t" WHERE 1', params: [] }, ['tickets'])).toBe(true);
    expect(reads({ sql: 'SELECT * FROM "ticket_counts"', params: [] }, ['tickets'])).toBe(false);
  });
});
