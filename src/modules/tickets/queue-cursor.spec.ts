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
});
