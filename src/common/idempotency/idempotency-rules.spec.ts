import { describe, expect, it } from 'vitest';
import { canonical, decide, parseIdempotencyKey, pollDelays, requestHash, type KeptAnswer } from './idempotency-rules.js';

const now = new Date('2026-11-30T10:00:00Z');
const later = new Date('2026-12-01T09:00:00Z');

describe('idempotency rules', () => {
  it('accepts visible ASCII keys up to 255 characters and names the header otherwise', () => {
    expect(parseIdempotencyKey(undefined)).toEqual({});
    expect(parseIdempotencyKey('3f1c0e4e-8a2b-4d5e-9f00-1234567890ab')).toEqual({ key: '3f1c0e4e-8a2b-4d5e-9f00-1234567890ab' });
    for (const bad of ['', ' ', 'a b', 'x'.repeat(256), 'ключ', 'a\tb']) expect(parseIdempotencyKey(bad).problem).toMatch(/^Idempotency-Key /);
    expect(parseIdempotencyKey('x'.repeat(255)).key).toHaveLength(255);
  });

  it('hashes the same request the same whatever the order of its fields, and another route, parameter or body differently', () => {
    const a = requestHash('POST', '/api/tickets', {}, { b: 1, a: { y: [1, 2], x: 'z' } });
    expect(requestHash('POST', '/api/tickets', {}, { a: { x: 'z', y: [1, 2] }, b: 1 })).toBe(a);
    expect(requestHash('POST', '/api/tickets', {}, { a: { x: 'z', y: [2, 1] }, b: 1 })).not.toBe(a);
    expect(requestHash('POST', '/api/surveys/:surveyId/responses', { surveyId: 's1' }, { b: 1 })).not.toBe(requestHash('POST', '/api/surveys/:surveyId/responses', { surveyId: 's2' }, { b: 1 }));
    expect(requestHash('POST', '/api/x', {}, { b: 1 })).not.toBe(requestHash('POST', '/api/y', {}, { b: 1 }));
    expect(canonical({ a: undefined, b: null })).toBe('{"b":null}');
    expect(canonical(undefined)).toBe('');
  });

  it('lets a new or expired key proceed, replays a finished one, waits for a pending one and refuses another request', () => {
    const kept = (o: Partial<KeptAnswer>): KeptAnswer => ({ requestHash: 'h', status: 201, responseBody: '{"ref":"AM-2026-000001"}', expiresAt: later, ...o });
    expect(decide(null, 'h', now)).toEqual({ kind: 'proceed' });
    expect(decide(kept({ expiresAt: now }), 'other', now)).toEqual({ kind: 'proceed' });
    expect(decide(kept({}), 'h', now)).toEqual({ kind: 'replay', status: 201, responseBody: '{"ref":"AM-2026-000001"}' });
    expect(decide(kept({ status: null, responseBody: null }), 'h', now)).toEqual({ kind: 'wait' });
    expect(decide(kept({}), 'other', now)).toEqual({ kind: 'mismatch' });
    expect(decide(kept({ status: null }), 'other', now)).toEqual({ kind: 'mismatch' });
  });

  it('polls briefly at first, then a few times a second, for about the time given', () => {
    const d = pollDelays(5_000);
    expect(d.slice(0, 4)).toEqual([20, 40, 80, 160]);
    expect(Math.max(...d)).toBe(250);
    const total = d.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(5_000);
    expect(total).toBeLessThan(5_250);
  });
});
