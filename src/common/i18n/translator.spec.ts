import { describe, expect, it } from 'vitest';
import { CUSTOMER_LANGUAGES, customerLanguage, loadLocales, translate, translateTree } from './translator.js';

/** Every key path of a nested translation tree, with the {{placeholders}} its text uses. */
function keys(tree: Record<string, unknown>, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, [...v.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort());
    else for (const [p, vars] of keys(v as Record<string, unknown>, path)) out.set(p, vars);
  }
  return out;
}

describe('translations', () => {
  const locales = loadLocales();
  const english = keys(locales.en);

  it('exist for every customer language', () => {
    expect(Object.keys(locales).sort()).toEqual([...CUSTOMER_LANGUAGES].sort());
  });

  it.each(CUSTOMER_LANGUAGES.filter((l) => l !== 'en'))('%s has every key English has, with the same placeholders, and no others', (lang) => {
    const other = keys(locales[lang]);
    expect([...other.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, vars] of english) expect(other.get(key), `${lang}: ${key}`).toEqual(vars);
    for (const [key] of other) expect(locales[lang] && other.get(key) !== undefined, key).toBe(true);
  });

  it('has no empty text', () => {
    for (const lang of CUSTOMER_LANGUAGES) for (const [key] of keys(locales[lang])) expect(translate(lang, key).trim(), `${lang}: ${key}`).not.toBe('');
  });

  it('speaks the customer’s language, falling back to the dealer’s and then English', () => {
    expect(translate('nl', 'steps.listen.done')).toBe('We hebben naar u geluisterd');
    expect(translate('nb', 'events.rated', { score: 4 })).toBe('Du ga oss 4 av 5');
    expect(customerLanguage('de', 'sv')).toBe('sv');
    expect(customerLanguage(undefined, null)).toBe('en');
    expect(translate('xx', 'history.title')).toBe('What has happened');
  });

  it('addresses the customer one way per language: nl "u" and "we" (never "wij", "je" or "jij"), nb/sv "du" (never "De"/"Dem" or "Ni")', () => {
    const words = (lang: string) => [...keys(locales[lang]).keys()].filter((k) => !k.startsWith('staff.')).map((k) => translate(lang, k));
    const nl = words('nl').join('\n');
    expect(nl).not.toMatch(/\b(wij|Wij|je|jij|Jij|jou|jouw)\b/);
    expect(nl).toMatch(/\bu\b/);
    expect(words('nb').join('\n')).not.toMatch(/\b(Dem|Deres)\b/);
    expect(words('sv').join('\n')).not.toMatch(/\b(Ni|Er|Ert|Era)\b/);
    expect(translate('nl', 'steps.fix.doing')).toBe('We werken aan een oplossing');
    expect(translate('nl', 'rating.scale')).toBe('1 = helemaal niet, 5 = helemaal wel');
    expect(translate('nl', 'page.promise', { date: '2 december om 15:00' })).toBe('U hoort uiterlijk 2 december om 15:00 van ons.');
  });

  // Issue 15: i18next copied a whole branch per call (six per tracking view), garbage that
  // outlived the young generation under load. One shared, read-only copy per language and key.
  it('gives a branch once per language and key: the same frozen object, a caller cannot change it for others', () => {
    const first = translateTree('nl', 'page');
    expect(first).toEqual(locales.nl.page);
    expect(translateTree('nl', 'page')).toBe(first);
    // An unknown language is the fallback's branch, shared with it.
    expect(translateTree('xx', 'page')).toBe(translateTree('en', 'page'));
    expect(translateTree('sv', 'page')).not.toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const nested = Object.values(first).find((v) => v && typeof v === 'object');
    if (nested) expect(Object.isFrozen(nested)).toBe(true);
    expect(() => Object.assign(first as Record<string, unknown>, { title: 'changed' })).toThrow(TypeError);
    expect(translateTree('nl', 'page')).toEqual(locales.nl.page);
  });
});
