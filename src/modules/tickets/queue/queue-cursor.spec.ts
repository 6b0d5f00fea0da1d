import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './queue-cursor.js';

describe('queue cursor', () => {
  it('round-trips', () => {
    const c = { sort: 'receivedAt' as const, key: '2026-11-20T08:25:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(c), 'receivedAt')).toEqual(c);
    const n = { sort: 'nextDue' as const, key: null, id: 'x' };
    expect(decodeCursor(encodeCursor(n), 'nextDue')).toEqual(n);
  });
  it('refuses garbage and cursors of another sort', () => {
    expect(() => decodeCursor('not-a-cursor', 'nextDue')).toThrow(/cursor/);
    expect(() => decodeCursor(encodeCursor({ sort: 'severity', key: 3, id: 'a' }), 'nextDue')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('["receivedAt","yesterday","a"]').toString('base64url'), 'receivedAt')).toThrow(/cursor/);
  });
  it('refuses a key of the wrong kind for its sort', () => {
    const forged = (sort: string, key: unknown) => Buffer.from(JSON.stringify([sort, key, 'a'])).toString('base64url');
    for (const [sort, key] of [
      ['severity', 'x'],
      ['severity', '2026-11-20T08:25:00.000Z'],
      ['severity', 1.5],
      ['severity', null],
      ['receivedAt', 5],
      ['receivedAt', null],
      ['receivedAt', '2026'],
      ['nextDue', 7],
      ['nextDue', { a: 1 }],
    ] as const) {
      expect(() => decodeCursor(forged(sort, key), sort as never), `${sort} ${JSON.stringify(key)}`).toThrow(/cursor/);
    }
    expect(() => decodeCursor(Buffer.from('["severity",1e999,"a"]').toString('base64url'), 'severity')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('{"0":"severity"}').toString('base64url'), 'severity')).toThrow(/cursor/);
    expect(decodeCursor(forged('severity', 3), 'severity')).toEqual({ sort: 'severity', key: 3, id: 'a' });
  });
});
