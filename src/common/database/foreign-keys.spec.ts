import { describe, expect, it } from 'vitest';
import { unindexedForeignKeys } from './foreign-keys.js';

describe('foreign keys without an index', () => {
  const fk = (table: string, ...columns: string[]) => ({ table, columns, references: 'parents' });
  const ix = (table: string, ...columns: string[]) => ({ table, name: `IDX_${table}_${columns.join('_')}`, columns });

  it('counts an index as serving a key only when it leads with exactly the key columns', () => {
    const keys = [fk('tickets', 'vehicleId'), fk('tickets', 'dealerId'), fk('tickets', 'customerId'), fk('pairs', 'a', 'b')];
    const indexes = [ix('tickets', 'dealerId', 'nextDueAt', 'id'), ix('tickets', 'status', 'customerId'), ix('pairs', 'b', 'a', 'c'), ix('other', 'vehicleId')];
    expect(unindexedForeignKeys(keys, indexes)).toEqual([fk('tickets', 'vehicleId'), fk('tickets', 'customerId')]);
  });

  it('does not take a shorter index for a key of several columns', () => {
    expect(unindexedForeignKeys([fk('pairs', 'a', 'b')], [ix('pairs', 'a')])).toEqual([fk('pairs', 'a', 'b')]);
  });
});
