import { customerLanguage, translateTree } from '../i18n/translator.js';
import { navItems } from './nav.js';

/** Slugs whose hyphen belongs in the word, and language codes by their own names. */
const LABELS: Record<string, string> = {
  'e-mail': 'E-mail',
  'walk-in': 'Walk-in',
  'follow-up': 'Follow-up',
  'in-person': 'In person',
  en: 'English',
  nb: 'Norsk bokmål',
  sv: 'Svenska',
  nl: 'Nederlands',
};

const AUTONYMS: Record<string, string> = { en: 'English', nb: 'Norsk', sv: 'Svenska', nl: 'Nederlands' };

const LOCALES: Record<string, string> = { en: 'en-GB', nb: 'nb-NO', sv: 'sv-SE', nl: 'nl-NL' };

/** One formatter per locale and zone: making one costs more than a page of rows. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    if (formatters.size > 1000) formatters.clear();
    formatters.set(key, f);
  }
  return f;
}

/** "29 Nov 08:35": day, short month, 24-hour time, in the reader's language and the dealer's zone. */
const compactFormats = new Map<string, Intl.DateTimeFormat>();
function compactDateTime(d: Date, locale: string, timeZone: string): string {
  const key = `${locale}|${timeZone}`;
  let f = compactFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    if (compactFormats.size > 1000) compactFormats.clear();
    compactFormats.set(key, f);
  }
  // The queue page shows fifty of these per view, mostly the same tickets' from view to
  // view: formatToParts is the costly part, so the text is kept per minute shown.
  const shown = `${key}|${Math.floor(d.getTime() / 60_000)}`;
  const known = compactTexts.get(shown);
  if (known !== undefined) return known;
  const part = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
  const text = `${part.day} ${part.month} ${part.hour}:${part.minute}`;
  if (compactTexts.size > 20_000) compactTexts.clear();
  compactTexts.set(shown, text);
  return text;
}
const compactTexts = new Map<string, string>();

const moneyFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let f = moneyFormats.get(currency);
  if (!f) moneyFormats.set(currency, (f = new Intl.NumberFormat('en-GB', { style: 'currency', currency })));
  return f;
}

/** A sentence taken apart at its {{placeholders}} (literal, name, literal, …), once: the queue fills two per row. */
const sentences = new Map<string, string[]>();
function sentenceParts(sentence: string): string[] {
  let parts = sentences.get(sentence);
  if (!parts) {
    parts = sentence.split(/{{(\w+)}}/);
    // Sentences come from the translations, a few hundred at most; bounded all the same.
    if (sentences.size > 2000) sentences.clear();
    sentences.set(sentence, parts);
  }
  return parts;
}

/** Handlebars helpers: formatting only, no rules. Every output is escaped by `{{ }}`. */
export const viewHelpers: Record<string, (...args: unknown[]) => unknown> = {
  navItems: (role: unknown, path: unknown, language: unknown) => navItems(role, path, typeof language === 'string' ? language : 'en'),
  /**
   * A branch of the translations in the first known language of those given: the page shell
   * (`{{#with (wordsOf "shell" actor.language lang) as |s|}}`) is in the signed-in user's
   * language on every page, whether or not the page itself is translated yet.
   */
  wordsOf: (branch: unknown, ...args: unknown[]) => translateTree(customerLanguage(...args.slice(0, -1).map((a) => (typeof a === 'string' ? a : null))), String(branch)),
  /** The language code those words are in (for a `lang` attribute), by the same choice. */
  languageOf: (...args: unknown[]) => customerLanguage(...args.slice(0, -1).map((a) => (typeof a === 'string' ? a : null))),
  eq: (a: unknown, b: unknown) => a === b,
  lt: (a: unknown, b: unknown) => Number(a) < Number(b),
  inc: (n: unknown) => Number(n) + 1,
  array: (...args: unknown[]) => args.slice(0, -1),
  /** A figure, or a dash when there is none (0 is a figure). */
  orDash: (v: unknown) => (v === null || v === undefined || v === '' ? '–' : String(v)),
  /** Puts a formatted date into a translated sentence with {{date}}. */
  promise: (sentence: unknown, date: unknown) => String(sentence ?? '').replace('{{date}}', String(date ?? '')),
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  selected: (a: unknown, b: unknown) => (String(a) === String(b) ? 'selected' : ''),
  checked: (a: unknown) => (a === true || a === 'on' || a === 'true' ? 'checked' : ''),
  /** 20 Nov 2026, 09:25 — in the given IANA zone, or UTC. */
  datetime: (iso: unknown, zone: unknown, language: unknown) => {
    if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return dateTimeFormat(LOCALES[typeof language === 'string' ? language : 'en'] ?? 'en-GB', typeof zone === 'string' ? zone : 'UTC').format(d);
  },
  /** A language by its own short name, for a switch that must fit one line on a phone. */
  autonym: (code: unknown) => AUTONYMS[String(code)] ?? String(code ?? ''),
  /** A phone number as a tel: link wants it: the digits and a leading +. */
  telHref: (phone: unknown) => String(phone ?? '').replace(/(?!^\+)[^0-9]/g, ''),
  /** 29 Nov 08:35 — a queue row's date: one line, no year, no comma. */
  compactdate: (iso: unknown, zone: unknown, language: unknown) => {
    if (typeof iso !== 'string' && !(iso instanceof Date)) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return '';
    return compactDateTime(d, LOCALES[typeof language === 'string' ? language : 'en'] ?? 'en-GB', typeof zone === 'string' ? zone : 'UTC');
  },
  /** Whether a refusal is of one of these forms (`ack` also matches `ack-<id>`); lists are taken apart. */
  formIs: (errors: unknown, ...args: unknown[]) => {
    const form = (errors as { form?: unknown } | null | undefined)?.form;
    if (typeof form !== 'string') return false;
    return args.slice(0, -1).flat().some((name) => typeof name === 'string' && (form === name || form.startsWith(`${name}-`)));
  },
  /** A slug by its name in a page's translated list (`{{nameIn t.statuses status}}`); unlisted ones humanized. */
  nameIn: (names: unknown, slug: unknown) => {
    const found = typeof slug === 'string' && names && typeof names === 'object' ? (names as Record<string, unknown>)[slug] : undefined;
    return typeof found === 'string' ? found : viewHelpers.humanize!(slug);
  },
  /** A translated sentence with its {{placeholders}} filled from the hash: `{{i18n t.nameOf email=email}}`. */
  i18n: (sentence: unknown, options: unknown) => {
    const vars = (options as { hash?: Record<string, unknown> } | undefined)?.hash ?? {};
    const parts = sentenceParts(String(sentence ?? ''));
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) out += (parts[i]! in vars ? String(vars[parts[i]!] ?? '') : `{{${parts[i]}}}`) + parts[i + 1];
    return out;
  },
  humanize: (slug: unknown) => {
    if (typeof slug !== 'string') return '';
    if (LABELS[slug]) return LABELS[slug];
    return slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, ' ');
  },
  /** Business minutes as "1 h 55 min". */
  duration: (minutes: unknown) => {
    if (typeof minutes !== 'number' || !Number.isFinite(minutes)) return '';
    const m = Math.abs(Math.round(minutes));
    const h = Math.floor(m / 60);
    return [h ? `${h} h` : '', m % 60 || !h ? `${m % 60} min` : ''].filter(Boolean).join(' ');
  },
  /** A compensation's worth, or a dash when it has none (0 means nothing was put on it, not a gift of €0.00). */
  moneyOrDash: (value: unknown) => {
    const v = value as { amount?: number; currency?: string } | null;
    if (!v || typeof v.amount !== 'number' || v.amount === 0) return '—';
    return moneyFormat(v.currency ?? 'EUR').format(v.amount);
  },
  money: (value: unknown) => {
    const v = value as { amount?: number; currency?: string } | null;
    if (!v || typeof v.amount !== 'number') return '';
    return moneyFormat(v.currency ?? 'EUR').format(v.amount);
  },
};
