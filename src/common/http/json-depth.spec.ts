import { describe, expect, it } from 'vitest';
import { jsonTooDeep, refuseDeepJson } from './json-depth.js';

const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

describe('jsonTooDeep', () => {
  it('allows 64 levels and refuses 65', () => {
    expect(jsonTooDeep(nested(64))).toBe(false);
    expect(jsonTooDeep(nested(65))).toBe(true);
    expect(jsonTooDeep('{"a":'.repeat(65) + '1' + '}'.repeat(65))).toBe(true);
  });
  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(jsonTooDeep(JSON.stringify({ a: '{'.repeat(500), b: '"[[[[' + '['.repeat(100) }))).toBe(false);
    expect(jsonTooDeep(`["\\\\", ${nested(64)}]`)).toBe(true);
  });
  it('counts depth, not the number of brackets', () => {
    expect(jsonTooDeep(JSON.stringify(Array.from({ length: 1000 }, () => ({ a: [1] }))))).toBe(false);
  });
  it('reads the body in its charset', () => {
    const verify = refuseDeepJson(3);
    expect(() => verify({} as never, {}, Buffer.from(nested(4), 'utf16le'), 'utf-16le')).toThrow(/deeper than 3/);
    expect(() => verify({} as never, {}, Buffer.from(nested(3), 'utf16le'), 'utf-16le')).not.toThrow();
    expect(() => verify({} as never, {}, Buffer.from(nested(4)), 'utf-8')).toThrow(/deeper than 3/);
  });
});
