import { describe, expect, it } from 'vitest';
import { changedColumns } from './changed-columns.js';

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
