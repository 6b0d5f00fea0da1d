import { describe, expect, it } from 'vitest';
import { fullScans, isPlannable, isRead, keysInSet, reads, touches, updateTarget } from './query-plans.js';

describe('reading query plans', () => {
  it('calls a table read whole a full scan, and an index search or ordered index walk not', () => {
    expect(fullScans(['SCAN t', 'SEARCH c USING INDEX sqlite_autoindex_customers_1 (id=?)'])).toEqual(['SCAN t']);
    expect(fullScans(['SCAN t USING INDEX IDX_tickets_due', 'SEARCH t USING INDEX IDX_tickets_due (nextDueAt>?)'])).toEqual([]);
    expect(fullScans(['Limit  (cost=0.29..8.30 rows=1 width=4)', '  ->  Seq Scan on tickets t  (cost=10000000000.00..10000000001.00 rows=1 width=4)'])).toHaveLength(1);
    expect(fullScans(['Index Scan using "IDX_tickets_due" on tickets t'])).toEqual([]);
    // A multi-row UPDATE joined with its own VALUES list walks those rows, and finds each table row by key.
    expect(fullScans(['MATERIALIZE v', 'SCAN 40 CONSTANT ROWS', 'SCAN v', 'SEARCH tickets USING INDEX sqlite_autoindex_tickets_1 (id=?)'])).toEqual([]);
    expect(fullScans(['MATERIALIZE v', 'SCAN v', 'SCAN tickets'])).toEqual(['SCAN tickets']);
    expect(fullScans(['CO-ROUTINE r', 'SEARCH t2 USING INDEX IDX_tickets_vehicle (vehicleId=?)', 'SCAN r'])).toEqual([]);
    expect(fullScans(['CO-ROUTINE r', 'SCAN t2', 'SCAN r'])).toEqual(['SCAN t2']);
  });

  it('knows reads, and which tables a statement reads', () => {
    expect(isRead({ sql: 'SELECT 1', params: [] })).toBe(true);
    expect(isRead({ sql: 'INSERT INTO tickets VALUES (1)', params: [] })).toBe(false);
    expect(reads({ sql: 'SELECT * FROM "tickets" "t" WHERE 1', params: [] }, ['tickets'])).toBe(true);
    expect(reads({ sql: 'SELECT * FROM "ticket_counts"', params: [] }, ['tickets'])).toBe(false);
  });

  it('reads the columns an UPDATE sets, whatever the engine writes around them', () => {
    expect(updateTarget('UPDATE "vehicles" SET "id" = ?, "customerId" = ?, "vin" = ? WHERE "id" IN (?)')).toEqual({ table: 'vehicles', columns: ['id', 'customerId', 'vin'] });
    expect(updateTarget('UPDATE "ref_sequences" SET "lastValue" = "lastValue" + 1 WHERE year = $1')).toEqual({ table: 'ref_sequences', columns: ['lastValue'] });
    expect(updateTarget(`UPDATE sla_timers t SET "state" = CASE WHEN a = 1 THEN 'x, where' ELSE coalesce(c, d) END, "nextCheckAt" = NULL
      WHERE "id" = ? RETURNING "id"`)).toEqual({ table: 'sla_timers', columns: ['state', 'nextCheckAt'] });
    expect(updateTarget('UPDATE notifications AS n SET n."state" = $1 FROM tickets WHERE n.id = $2')).toEqual({ table: 'notifications', columns: ['state'] });
    expect(updateTarget('SELECT "id" FROM "vehicles" WHERE "id" = ?')).toBeNull();
  });

  it('finds a key in an UPDATE\'s SET, and only there', () => {
    const keys = { vehicles: ['id'], tickets: ['id'] };
    expect(keysInSet({ sql: 'UPDATE "vehicles" SET "id" = ?, "registration" = ? WHERE "id" IN (?)', params: [] }, keys)).toEqual(['id']);
    expect(keysInSet({ sql: 'UPDATE "vehicles" SET "registration" = ? WHERE "id" IN (?)', params: [] }, keys)).toEqual([]);
    expect(keysInSet({ sql: 'UPDATE "tickets" SET "vehicleId" = ? WHERE "id" = ?', params: [] }, keys)).toEqual([]);
    expect(keysInSet({ sql: 'INSERT INTO "vehicles"("id") VALUES (?)', params: [] }, keys)).toEqual([]);
  });

  it('knows the statements worth a plan and the tables a write touches', () => {
    expect(['SELECT 1', 'UPDATE t SET a = 1', 'DELETE FROM t', 'INSERT INTO t SELECT 1'].every((sql) => isPlannable({ sql, params: [] }))).toBe(true);
    expect(['BEGIN TRANSACTION', 'SAVEPOINT s1', 'COMMIT', 'PRAGMA foreign_keys'].some((sql) => isPlannable({ sql, params: [] }))).toBe(false);
    expect(touches({ sql: 'UPDATE "tickets" SET a = 1', params: [] }, ['tickets'])).toBe(true);
    expect(touches({ sql: 'INSERT INTO "timeline_events"("ticketId") VALUES (?)', params: [] }, ['timeline_events'])).toBe(true);
    expect(touches({ sql: 'UPDATE "ticket_counts" SET n = n + 1', params: [] }, ['tickets'])).toBe(false);
  });
});
