import { plainToInstance } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { LowerCode, lowerCode, UpperCode, upperCode } from './codes.js';

class Codes {
  @LowerCode() country: unknown;
  @UpperCode() currency: unknown;
}

describe('ISO codes in either case', () => {
  it('stores countries and languages lower-case, currencies upper-case', () => {
    expect(lowerCode('SE')).toBe('se');
    expect(lowerCode(' Nl ')).toBe('nl');
    expect(upperCode('eur')).toBe('EUR');
  });

  it('leaves what is not a string for the validators', () => {
    expect(lowerCode(42)).toBe(42);
    expect(upperCode(null)).toBeNull();
    expect(lowerCode(undefined)).toBeUndefined();
  });

  it('applies while a body becomes its DTO', () => {
    const dto = plainToInstance(Codes, { country: 'SE', currency: 'sek' });
    expect(dto).toMatchObject({ country: 'se', currency: 'SEK' });
  });
});
