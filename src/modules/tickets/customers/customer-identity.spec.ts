import { describe, expect, it } from 'vitest';
import { contactChanges, lookupKey, normaliseEmail, normalisePhone, sameCustomer } from './customer-identity.js';

describe('customer identity', () => {
  it('normalises e-mail (trimmed, lower-cased) and phone (no spaces, brackets or dashes)', () => {
    expect(normaliseEmail('  Sanne@Example.NL ')).toBe('sanne@example.nl');
    expect(normaliseEmail('  ')).toBeNull();
    expect(normaliseEmail(undefined)).toBeNull();
    expect(normalisePhone('+31 (6) 1234-5678')).toBe('+31612345678');
    expect(normalisePhone('')).toBeNull();
  });

  it('looks a customer up by e-mail, by phone only without an e-mail, else not at all', () => {
    expect(lookupKey({ email: 'a@x.nl', phone: '+316' })).toEqual({ email: 'a@x.nl' });
    expect(lookupKey({ email: null, phone: '+316' })).toEqual({ phone: '+316', withoutEmail: true });
    expect(lookupKey({ email: null, phone: null })).toBeNull();
  });

  it('is the same customer on the same e-mail, or the same phone when neither has an e-mail', () => {
    expect(sameCustomer({ email: 'a@x.nl', phone: '1' }, { email: 'a@x.nl', phone: '2' })).toBe(true);
    // A family: one phone, two addresses.
    expect(sameCustomer({ email: 'a@x.nl', phone: '1' }, { email: 'b@x.nl', phone: '1' })).toBe(false);
    // One side has an address, the other not: no guess.
    expect(sameCustomer({ email: 'a@x.nl', phone: '1' }, { email: null, phone: '1' })).toBe(false);
    expect(sameCustomer({ email: null, phone: '1' }, { email: 'a@x.nl', phone: '1' })).toBe(false);
    expect(sameCustomer({ email: null, phone: '1' }, { email: null, phone: '1' })).toBe(true);
    expect(sameCustomer({ email: null, phone: null }, { email: null, phone: null })).toBe(false);
  });

  it('lists what changed, old and new', () => {
    const before = { name: 'Sanne', email: 'a@x.nl', phone: null };
    expect(contactChanges(before, { ...before })).toEqual([]);
    expect(contactChanges(before, { name: 'Sanne de Vries', email: 'a@x.nl', phone: '+316' })).toEqual([
      { field: 'name', from: 'Sanne', to: 'Sanne de Vries' },
      { field: 'phone', from: null, to: '+316' },
    ]);
  });
});
