import { describe, expect, it } from 'vitest';
import { landingPath, safeNext } from './landing.js';

describe('landing', () => {
  it('sends receptionists to intake and managers to the queue', () => {
    expect(landingPath('receptionist')).toBe('/intake');
    expect(landingPath('quality-manager')).toBe('/tickets');
    expect(landingPath('principal')).toBe('/dashboard');
  });
  it('follows only same-site paths', () => {
    expect(safeNext('/tickets?status=open')).toBe('/tickets?status=open');
    expect(safeNext('//evil.example')).toBeNull();
    expect(safeNext('/\\evil.example')).toBeNull();
    expect(safeNext('https://evil.example')).toBeNull();
    expect(safeNext(undefined)).toBeNull();
  });
});
