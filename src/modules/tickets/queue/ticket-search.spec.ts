import { describe, expect, it } from 'vitest';
import { fts5Query, fts5Terms, MAX_SEARCH_WORDS, parseTicketSearch, plainWord, prefixRange, tsQuery } from './ticket-search.js';

describe('ticket search', () => {
  it('takes a reference in any case as that reference', () => {
    expect(parseTicketSearch(' am-2026-000123 ')).toEqual({ ref: 'AM-2026-000123' });
    expect(parseTicketSearch('AM-2026-1234567')).toEqual({ ref: 'AM-2026-1234567' });
    // Part of a reference is words, found as prefixes.
    expect(parseTicketSearch('2026-000123')).toEqual({ words: ['2026', '000123'] });
  });

  it('splits words as the full-text tokenizers do, keeping letters of every alphabet', () => {
    expect(parseTicketSearch('Måns Öberg, Göteborg')).toEqual({ words: ['Måns', 'Öberg', 'Göteborg'] });
    expect(parseTicketSearch('væske/ventetid')).toEqual({ words: ['væske', 'ventetid'] });
    expect(parseTicketSearch("O'Neil")).toEqual({ words: ['O', 'Neil'] });
    // A combining accent is composed; the Dutch ij ligature is two letters.
    expect(parseTicketSearch('Rene\u0301 wachtĳd')).toEqual({ words: ['René', 'wachtijd'] });
    expect(parseTicketSearch('漢字 Ωmega')).toEqual({ words: ['漢字', 'Ωmega'] });
  });

  it('leaves operators and punctuation no meaning: they separate or become words', () => {
    expect(parseTicketSearch('NEAR(a b) OR "c" NOT d*')).toEqual({ words: ['NEAR', 'a', 'b', 'OR', 'c', 'NOT', 'd'] });
    expect(parseTicketSearch('col:x ^y {z} -w +v')).toEqual({ words: ['col', 'x', 'y', 'z', 'w', 'v'] });
    for (const q of ['%', '_', '\\', '"', "'", '*', '()', '\u0301', '🚗', ' % _ ']) expect(parseTicketSearch(q), q).toEqual({ nothing: true });
    expect(parseTicketSearch('   ')).toBeNull();
  });

  it('keeps a bounded number of distinct words', () => {
    expect(parseTicketSearch('a a b')).toEqual({ words: ['a', 'b'] });
    const many = parseTicketSearch(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '));
    expect(many).toEqual({ words: Array.from({ length: MAX_SEARCH_WORDS }, (_, i) => `w${i}`) });
  });

  it('makes every word a quoted prefix term, all required', () => {
    expect(fts5Query(['bilen', 'Göteborg'])).toBe('"bilen"* AND "Göteborg"*');
    expect(fts5Query(['NOT'])).toBe('"NOT"*');
    expect(tsQuery(['bilen', 'Göteborg'])).toBe("'bilen':* & 'Göteborg':*");
  });
});

describe('searching by exact terms', () => {
  it('takes plain ASCII words, lower-cased, and leaves words the tokenizer would fold', () => {
    expect(plainWord('Nobody')).toBe('nobody');
    expect(plainWord('AM2026')).toBe('am2026');
    expect(plainWord('væske')).toBeNull();
    expect(plainWord('Ødegård')).toBeNull();
    expect(plainWord('straße')).toBeNull();
  });

  it('bounds the terms a word begins: the word itself up to the next spelling after all of them', () => {
    expect(prefixRange('wacht')).toEqual(['wacht', 'wachu']);
    expect(prefixRange('4242')).toEqual(['4242', '4243']);
    expect(prefixRange('z')).toEqual(['z', '{']);
    const [from, to] = prefixRange('bil');
    for (const term of ['bil', 'bilen', 'bilzz']) expect(term >= from && term < to, term).toBe(true);
    for (const term of ['bik', 'bim', 'bi']) expect(term >= from && term < to, term).toBe(false);
  });

  it('asks for one of each word\'s terms, every word required, each term quoted', () => {
    expect(fts5Terms([['bilen', 'biler'], ['wachttijd']])).toBe('("bilen" OR "biler") AND ("wachttijd")');
    expect(fts5Terms([['a"b']])).toBe('("a""b")');
  });
});
