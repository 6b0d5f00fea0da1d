import { REF_PATTERN } from '../ticket-ref.js';

/**
 * What the queue's `q` asks for: one ticket by its reference, some words to find as
 * word prefixes in the reference, the account and the customer's name, or nothing
 * searchable at all (only punctuation: matches no ticket, never every ticket).
 */
export type TicketSearch = { ref: string } | { words: string[] } | { nothing: true };

/** Enough words for any real search; more only cost the index more lookups. */
export const MAX_SEARCH_WORDS = 8;

// A word is what the full-text tokenizers index: letters and digits (with the accents
// that belong to them). Everything else, operators and quotes included, only separates.
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

export function parseTicketSearch(q: string): TicketSearch | null {
  const text = q.normalize('NFKC').trim();
  if (!text) return null;
  if (REF_PATTERN.test(text.toUpperCase())) return { ref: text.toUpperCase() };
  const words = [...new Set(text.match(WORD) ?? [])].slice(0, MAX_SEARCH_WORDS);
  return words.length ? { words } : { nothing: true };
}

/**
 * An FTS5 MATCH expression: every word a quoted prefix term, all of them required. Inside
 * double quotes FTS5 reads no operator (AND, NEAR, column filters …), and words hold no quotes.
 */
export function fts5Query(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}

/**
 * A PostgreSQL tsquery: every word a quoted prefix lexeme, all of them required. Words hold
 * no quotes or backslashes; the database folds case and accents as it did for the documents.
 */
export function tsQuery(words: string[]): string {
  return words.map((w) => `'${w.replace(/['\\]/g, '')}':*`).join(' & ');
}

/**
 * A word whose index terms can be looked up by their spelling: ASCII letters and digits,
 * which the tokenizer keeps as they are, lower-cased. Other words (accents, ø, ß …) are
 * folded by the tokenizer in ways JavaScript would have to copy exactly; they are not.
 */
export function plainWord(word: string): string | null {
  const lower = word.toLowerCase();
  return /^[a-z0-9]+$/.test(lower) ? lower : null;
}

/** The terms a plain word is a prefix of: from the word (inclusive) to the next spelling after all of them (exclusive). */
export function prefixRange(word: string): [string, string] {
  return [word, word.slice(0, -1) + String.fromCharCode(word.charCodeAt(word.length - 1) + 1)];
}

/**
 * An FTS5 MATCH expression of exact terms: each word one of its terms, every word required.
 * The same tickets as the words' prefix query, read term by term: FTS5 seeks an exact term
 * to one ticket, where a prefix term merges all of its matches first.
 */
export function fts5Terms(termsPerWord: string[][]): string {
  return termsPerWord.map((terms) => `(${terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')})`).join(' AND ');
}
