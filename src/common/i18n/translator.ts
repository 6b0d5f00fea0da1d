import i18next, { type i18n } from 'i18next';
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
    void instance.init({ resources, fallbackLng: 'en', initImmediate: false, interpolation: { escapeValue: false }, returnNull: false });
  }
  return instance;
}

/** The customer's language when we have it, else the fallback (the dealer's), else English. */
export function customerLanguage(...candidates: (string | null | undefined)[]): CustomerLanguage {
  return (candidates.find((c) => c && (CUSTOMER_LANGUAGES as readonly string[]).includes(c)) as CustomerLanguage) ?? 'en';
}

export function translate(language: string, key: string, vars: Record<string, unknown> = {}): string {
  return translator().getFixedT(customerLanguage(language))(key, vars) as string;
}

/** A whole branch of the translations (for a page's labels). */
export function translateTree(language: string, key: string): Record<string, unknown> {
  return translator().getFixedT(customerLanguage(language))(key, { returnObjects: true }) as unknown as Record<string, unknown>;
}
