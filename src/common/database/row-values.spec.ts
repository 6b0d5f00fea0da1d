import { describe, expect, it } from 'vitest';
import { at, flag, isoAt, json, numeric, sqliteMoment } from './row-values.js';

describe('raw row values', () => {
  it('gives moments as ISO strings from either driver', () => {
    expect(isoAt('2026-03-04 05:06:07.089')).toBe('2026-03-04T05:06:07.089Z');
    expect(isoAt('2026-03-04 05:06:07')).toBe('2026-03-04T05:06:07.000Z');
    expect(isoAt(new Date('2026-03-04T05:06:07.089Z'))).toBe('2026-03-04T05:06:07.089Z');
    expect(isoAt('2026-03-04T05:06:07.089+01:00')).toBe('2026-03-04T04:06:07.089Z');
    expect(isoAt(null)).toBeNull();
    expect(at('2026-03-04 05:06:07.089')?.toISOString()).toBe('2026-03-04T05:06:07.089Z');
    expect(at(undefined)).toBeNull();
  });

  it('gives numbers, booleans and JSON whatever the driver returned', () => {
    expect(numeric('1234.50')).toBe(1234.5);
    expect(numeric(7)).toBe(7);
    expect(numeric(null)).toBeNull();
    expect([flag(1), flag(0), flag(true), flag(false), flag(null)]).toEqual([true, false, true, false, null]);
    expect(json('{"a":[1]}')).toEqual({ a: [1] });
    expect(json(null)).toBeNull();
  });

  it('writes a moment parameter as SQLite holds the column: UTC text, the same instant as the ISO string', () => {
    expect(sqliteMoment('2026-03-04T05:06:07.089Z')).toBe('2026-03-04 05:06:07.089');
    expect(isoAt(sqliteMoment('2026-12-31T23:59:59.999Z'))).toBe('2026-12-31T23:59:59.999Z');
  });
});
