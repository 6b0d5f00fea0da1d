import i18next, { type i18n, type TFunction } from 'i18next';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { projectRoot } from '../paths.js';

/** The languages customers are served in; every one has a file in locales/. */
export const CUSTOMER_LANGUAGES = ['en', 'nb', 'sv', 'nl'] as const;
export type CustomerLanguage = (typeof CUSTOMER_LANGUAGES)[number];

export function localesDir(): string {
  return join(projectRoot(), 'locales');
}

/** Every translation file, by language. */
export function loadLocales(): Record<string, Record<string, unknown>> {
  const dir = localesDir();
  return Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [basename(f, '.json'), JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
}

let instance: i18n | undefined;

function translator(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    const resources = Object.fromEntries(Object.entries(loadLocales()).map(([lang, tree]) => [lang, { translation: tree }]));
    // Synchronous with in-memory resources. Values are escaped by Handlebars on pages, and mails are plain text.
    void instance.init({ resources, fallbackLng: 'en', initImmediate: false, interpolation: { escapeValue: false }, returnNull: false, showSupportNotice: false });
  }
  return instance;
}

/** The customer's language when we have it, else the fallback (the dealer's), else English. */
export function customerLanguage(...candidates: (string | null | undefined)[]): CustomerLanguage {
  return (candidates.find((c) => c && (CUSTOMER_LANGUAGES as readonly string[]).includes(c)) as CustomerLanguage) ?? 'en';
}

/** One bound `t` per language: getFixedT builds a new function (and its options) on every call. */
const fixed = new Map<CustomerLanguage, TFunction>();
function fixedT(language: string): TFunction {
  const lang = customerLanguage(language);
  let t = fixed.get(lang);
  if (!t) fixed.set(lang, (t = translator().getFixedT(lang)));
  return t;
}

export function translate(language: string, key: string, vars: Record<string, unknown> = {}): string {
  return fixedT(language)(key, vars) as string;
}

/**
 * Branches already built, per language and key. The translations never change while the
 * process runs, and i18next copies a whole branch on every call: the tracking page asked for
 * six of them per view, megabytes a second under load that outlived the young generation.
 * Frozen, as every caller shares them; bounded, as keys come from code (a few dozen at most).
 */
const trees = new Map<string, Readonly<Record<string, unknown>>>();
const MAX_TREES = 200;

/** A whole branch of the translations (for a page's labels); shared and read-only. */
export function translateTree(language: string, key: string): Readonly<Record<string, unknown>> {
  const lang = customerLanguage(language);
  const id = `${lang}\0${key}`;
  let tree = trees.get(id);
  if (!tree) {
    tree = deepFreeze(fixedT(lang)(key, { returnObjects: true }) as unknown as Record<string, unknown>);
    if (trees.size >= MAX_TREES) trees.clear();
    trees.set(id, tree);
  }
  return tree;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
