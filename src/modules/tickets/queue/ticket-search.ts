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
