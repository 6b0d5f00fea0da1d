import { describe, expect, it } from 'vitest';
import { byChangedColumns, changedColumns } from './changed-columns.js';

describe('the columns an update sets', () => {
  const vehicle = { id: 'v1', customerId: 'c1', registration: 'AB-1', vin: 'VIN', model: null as string | null, createdAt: new Date('2026-01-01T00:00:00Z') };

  it('holds only the fields that changed, never the key', () => {
    expect(changedColumns(vehicle, { ...vehicle, registration: 'AB-2' })).toEqual({ registration: 'AB-2' });
    expect(changedColumns(vehicle, { ...vehicle, id: 'v2', model: 'Golf' })).toEqual({ model: 'Golf' });
    expect(changedColumns(vehicle, { ...vehicle })).toEqual({});
  });

  it('compares moments by time and structures by value, and leaves undefined out', () => {
    expect(changedColumns(vehicle, { createdAt: new Date('2026-01-01T00:00:00Z'), registration: undefined })).toEqual({});
    expect(changedColumns({ id: 1, data: { a: [1] } }, { data: { a: [1] } })).toEqual({});
    expect(changedColumns({ id: 1, data: { a: [1] } }, { data: { a: [2] } })).toEqual({ data: { a: [2] } });
    expect(changedColumns({ id: 1, note: 'x' as string | null }, { note: null })).toEqual({ note: null });
  });

  it('takes a key of several columns', () => {
    expect(changedColumns({ caller: 'u', keyHash: 'h', status: 1 }, { caller: 'v', keyHash: 'h', status: 2 }, ['caller', 'keyHash'])).toEqual({ status: 2 });
  });
});

describe('a batch of rows grouped by the columns they changed', () => {
  const at = (iso: string) => new Date(iso);
  const row = (id: string, state: string, due: Date | null, version = 1) => ({ id, state, due, level: 0, version });

  it('puts rows that changed the same columns in one group, with the columns always written added', () => {
    const a = row('a', 'on-track', at('2026-01-01T00:00:00Z'));
    const b = row('b', 'on-track', at('2026-01-02T00:00:00Z'));
    const c = row('c', 'at-risk', null);
    const shapes = byChangedColumns(
      [
        { before: a, after: { ...a, state: 'breached', version: 2 } },
        // The same moment in a new Date: unchanged.
        { before: b, after: { ...b, due: at('2026-01-02T00:00:00Z'), version: 2 } },
        { before: c, after: { ...c, state: 'breached', due: at('2026-01-03T00:00:00Z'), version: 2 } },
        { before: b, after: { ...b, state: 'met', version: 2 } },
      ],
      ['state', 'due'],
      ['version'],
    );
    expect(shapes.map((s) => [s.columns, s.rows.map((r) => `${r.id}:${r.state}`)])).toEqual([
      [['version', 'state'], ['a:breached', 'b:met']],
      [['version'], ['b:on-track']],
      [['version', 'state', 'due'], ['c:breached']],
    ]);
  });

  it('leaves out a row that changed nothing when no column is always written', () => {
    const a = row('a', 'on-track', null);
    expect(byChangedColumns([{ before: a, after: { ...a } }], ['state', 'due'])).toEqual([]);
    expect(byChangedColumns([{ before: a, after: { ...a, due: at('2026-01-01T00:00:00Z') } }], ['state', 'due'])).toEqual([{ columns: ['due'], rows: [{ ...a, due: at('2026-01-01T00:00:00Z') }] }]);
  });
});
