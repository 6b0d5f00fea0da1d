import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../paths.js';
import { CUSTOMER_LANGUAGES, loadLocales } from './translator.js';

/**
 * The translated staff pages name their words as `t.<key>` (the page's branch of the
 * translations) and the calendar grid as `g.<key>` (admin.grid): every word they use must be
 * there in every language, or the page shows an empty label.
 */
const PAGES: { view: string; branch: string; prefix: string }[] = [
  { view: 'admin/index.hbs', branch: 'admin', prefix: 't' },
  { view: 'partials/calendar-grid.hbs', branch: 'admin.grid', prefix: 'g' },
  { view: 'improvements/list.hbs', branch: 'improvements', prefix: 't' },
  { view: 'improvements/show.hbs', branch: 'improvements', prefix: 't' },
  { view: 'tickets/list.hbs', branch: 'queue', prefix: 't' },
  { view: 'tickets/show.hbs', branch: 'ticket', prefix: 't' },
  ...['listen', 'apologise', 'fix', 'compensate', 'follow-up', 'closed'].map((stage) => ({ view: `partials/stage-${stage}.hbs`, branch: 'ticket', prefix: 't' })),
  { view: 'auth/login.hbs', branch: 'signIn', prefix: 't' },
  { view: 'account/show.hbs', branch: 'account', prefix: 't' },
  { view: 'intake/new.hbs', branch: 'intake', prefix: 't' },
  { view: 'intake/done.hbs', branch: 'intake', prefix: 't' },
];

/** The page shell names its words `s.<key>` (the `shell` branch), spread over the layouts and the navigation's partials. */
const SHELL_VIEWS = ['layouts/main.hbs', 'layouts/public.hbs', 'partials/nav.hbs', 'partials/nav-who.hbs'];

const at = (tree: unknown, path: string): unknown => path.split('.').reduce<unknown>((node, k) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[k] : undefined), tree);

describe('the words of the translated staff pages', () => {
  const locales = loadLocales();

  it.each(PAGES)('$view finds every word it uses in every language', ({ view, branch, prefix }) => {
    const text = readFileSync(join(projectRoot(), 'views', view), 'utf8');
    // `t.title`, `../t.statuses`, `@root.t.save` — the key after the prefix (maps such as t.statuses are looked up whole).
    const keys = [...new Set([...text.matchAll(new RegExp(`(?:^|[\\s(/.@={])${prefix}\\.([A-Za-z][\\w]*)`, 'g'))].map((m) => m[1]!))];
    expect(keys.length).toBeGreaterThan(3);
    for (const lang of CUSTOMER_LANGUAGES) {
      const missing = keys.filter((k) => at(locales[lang], `${branch}.${k}`) === undefined);
      expect(missing, `${lang}: ${view}`).toEqual([]);
    }
  });

  it('has no English left on the admin, improvements, queue and ticket pages of the other languages (beyond words that are the same)', () => {
    const same = new Set(['Status', 'Dealer', 'Administration', 'Effect', 'min', 'h', 'sales', 'Receptionist', 'CSV', 'E-mail', 'Week', 'Filters', 'Via', 'Send', 'Filter', 'e-mail']);
    for (const branch of ['admin', 'improvements', 'queue', 'ticket']) {
      const english = at(locales.en, branch) as Record<string, unknown>;
      const flat = (tree: unknown, p = ''): [string, string][] =>
        Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v, `${p}${k}.`)));
      for (const lang of CUSTOMER_LANGUAGES.filter((l) => l !== 'en')) {
        const theirs = new Map(flat(at(locales[lang], branch)));
        const untranslated = flat(english).filter(([k, v]) => theirs.get(k) === v && !same.has(v) && /[a-z]{3}/.test(v.replace(/{{\w+}}/g, '')));
        expect(untranslated, `${lang}: ${branch}`).toEqual([]);
      }
    }
  });

  it('finds every word of the page shell in every language', () => {
    const text = SHELL_VIEWS.map((view) => readFileSync(join(projectRoot(), 'views', view), 'utf8')).join('\n');
    const keys = [...new Set([...text.matchAll(/(?:^|[\s(/.@={])s\.([A-Za-z]\w*)/g)].map((m) => m[1]!))];
    expect(keys).toEqual(expect.arrayContaining(['skip', 'menu', 'mainNav', 'account', 'signOut']));
    for (const lang of CUSTOMER_LANGUAGES) expect(keys.filter((k) => at(locales[lang], `shell.${k}`) === undefined), lang).toEqual([]);
  });

  it('has no English left in the shell, sign-in, account and intake words of the other languages (beyond words that are the same)', () => {
    const same = new Set(['Menu', 'Dashboard', 'API', 'Dealer', 'Model', 'E-mail', 'Receptionist', 'For']);
    for (const branch of ['shell', 'signIn', 'account', 'intake']) {
      const english = at(locales.en, branch) as Record<string, unknown>;
      const flat = (tree: unknown, p = ''): [string, string][] =>
        Object.entries(tree as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v, `${p}${k}.`)));
      for (const lang of CUSTOMER_LANGUAGES.filter((l) => l !== 'en')) {
        const theirs = new Map(flat(at(locales[lang], branch)));
        expect(flat(english).filter(([k]) => !theirs.has(k)), `${lang}: ${branch} keys`).toEqual([]);
        const untranslated = flat(english).filter(([k, v]) => theirs.get(k) === v && !same.has(v) && /[a-z]{3}/.test(v.replace(/{{\w+}}/g, '')));
        expect(untranslated, `${lang}: ${branch}`).toEqual([]);
      }
    }
  });
});
