import { describe, expect, it } from 'vitest';
import { acceptedLanguage } from './customer-language.js';

describe('the language a browser asks for', () => {
  it('takes the most wanted of ours, region or not', () => {
    expect(acceptedLanguage('nl-NL,nl;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('nl');
    expect(acceptedLanguage('de-DE,de;q=0.9,sv;q=0.8,en;q=0.5')).toBe('sv');
    expect(acceptedLanguage('en;q=0.4, nb-NO')).toBe('nb');
  });

  it('reads Norwegian asked for as no or nn in bokmål', () => {
    expect(acceptedLanguage('no')).toBe('nb');
    expect(acceptedLanguage('nn-NO,en;q=0.5')).toBe('nb');
  });

  it('falls back to English for none of ours, nothing, q=0 or nonsense', () => {
    expect(acceptedLanguage('fr-FR,de;q=0.8')).toBe('en');
    expect(acceptedLanguage(undefined)).toBe('en');
    expect(acceptedLanguage('nl;q=0, fr')).toBe('en');
    expect(acceptedLanguage(';;,,q=1')).toBe('en');
  });
});
