import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocales } from '../../src/common/i18n/translator.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What Handlebars escapes, undone, so a page's text can be compared with the translation it shows. */
const unescape = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

/** What a reader meets on a page: its text and the words in its attributes (placeholders, aria-labels, the returning-customer notice). */
function readable(html: string): string {
  const body = html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '');
  const attributes = [...body.matchAll(/\s(?:placeholder|aria-label|data-one|data-many|data-see)="([^"]*)"/g)].map((m) => m[1]);
  const text = body.replace(/<[^>]+>/g, ' ');
  return unescape([text, ...attributes].join(' \n ')).replace(/\s+/g, ' ');
}

/** Whether the words stand on the page as words ("E-mail" is not in "E-mailadres"). */
const says = (page: string, words: string) => new RegExp(`(?<![\\p{L}-])${words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(page);

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, p = ''): [string, string][] => Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v, `${p}${k}.`)));

/**
 * Issue 17: the page shell (navigation, skip link, menu, account, sign-out, the role), the
 * sign-in and account pages and the intake form with its receipt are in the reader's language:
 * the English words of those parts are nowhere on the Dutch receptionist's pages.
 */
describe('the shell, sign-in, account and intake pages in the reader\'s language', () => {
  let t: TestApp;
  let reception: PageSession;
  const locales = loadLocales() as Record<string, Tree>;
  /** The English sentences and labels of these parts that Dutch words differently (Menu, Dealer, Model, E-mail… are the same). */
  const englishOf = (...branches: string[]) => {
    const en = new Map(branches.flatMap((b) => flat(locales.en![b] as Tree, `${b}.`)));
    const nl = new Map(branches.flatMap((b) => flat(locales.nl![b] as Tree, `${b}.`)));
    const dutch = new Set(nl.values());
    return [...en].filter(([, v]) => !dutch.has(v) && /[a-z]{3}/.test(v.replace(/{{\w+}}/g, ''))).map(([, v]) => v.split('{{')[0]!.trim()).filter((v) => v.length > 2);
  };

  beforeAll(async () => {
    t = await startTestApp();
    reception = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
  });
  afterAll(() => t?.close());

  it('shows the Dutch receptionist the intake form and the navigation in Dutch, with no English label left', async () => {
    const { status, html } = await reception.get('/intake');
    expect(status).toBe(200);
    expect(html).toContain('<header class="topbar" lang="nl">');
    const page = readable(html);
    for (const words of ['Naar de inhoud', 'Melding registreren', 'Meldingen', 'Menu', 'Mijn account', 'Afmelden', 'Receptionist', 'Wat er is gebeurd', 'In de woorden van de klant', 'Wat er gebeurde, zoals de klant het vertelde', 'Afdeling', 'Verkoop', 'Wachttijd', 'Aan de balie', 'Gemiddeld', 'Zojuist', 'Meteen gedaan', 'Ik heb naar de klant geluisterd', 'Ik heb excuses aangeboden', 'Brandstof', 'Klant', 'E-mailadres of telefoon: minstens één van beide.', 'Terugkerende klant: {n} eerdere melding, {open} open', 'Meer details', 'Kenteken', 'Bedachtzaam']) {
      expect(page, words).toContain(words);
    }
    expect(html).toMatch(/<title>Melding registreren · Amends<\/title>/);
    const english = [...englishOf('shell', 'intake'), 'Log an incident', 'Walk-in', 'Medium', 'Waiting time', 'Sales', 'Goodwill discount', 'Returning customer', 'Skip to content', 'Sign out'];
    const left = [...new Set(english)].filter((words) => says(page, words));
    expect(left).toEqual([]);
  });

  it('gives the Dutch receptionist the receipt in Dutch, and a form sent wrong in Dutch', async () => {
    const wrong = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', account: 'Lang gewacht.', customerName: '', customerEmail: 'niet-goed' });
    expect(wrong.status).toBe(400);
    const form = readable(wrong.html);
    for (const words of ['Melding registreren', 'Meteen gedaan', 'Afmelden']) expect(form, words).toContain(words);
    expect(englishOf('shell', 'intake').filter((words) => says(form, words))).toEqual([]);

    const res = await reception.post('/intake', { department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'medium', account: 'Lang gewacht bij de balie.', customerName: 'Bon Klant', customerEmail: 'bon.klant@example.nl' });
    expect(res.status).toBe(303);
    const receipt = await reception.get(res.location!);
    expect(receipt.status).toBe(200);
    const page = readable(receipt.html);
    for (const words of ['Geregistreerd', 'QR-code van de volglink', 'Scan de code om uw melding te volgen', 'Wat er nu gebeurt', 'De afdeling verkoop van Autohuis Utrecht pakt de melding op', 'Fase nu: Luisteren', 'Melding openen', 'Nog een melding']) {
      expect(page, words).toContain(words);
    }
    expect(receipt.html).toContain('Ook gemaild naar <strong>bon.klant@example.nl</strong>.</p>');
    expect(englishOf('shell', 'intake').filter((words) => says(page, words))).toEqual([]);
    // The reload: the link is not kept, and says so in Dutch.
    expect(readable((await reception.get(res.location!)).html)).toContain('De volglink is één keer getoond');
  });

  it('shows a Swedish user the shell in Swedish, on a page of their own and on one not yet translated', async () => {
    const se = await PageSession.signIn(t.baseUrl, 'sales.manager.se@demo.test');
    for (const path of ['/contacts', '/tickets']) {
      const { status, html } = await se.get(path);
      expect(status, path).toBe(200);
      expect(html).toContain('<header class="topbar" lang="sv">');
      expect(html).toContain('<a class="skip-link" href="#main" lang="sv">Till innehållet</a>');
      expect(html).toContain('<nav aria-label="Huvudmeny" class="nav-wide">');
      const shell = readable(/<header[\s\S]*<\/header>/.exec(html)![0]);
      for (const words of ['Registrera ärende', 'Ärenden', 'Kontakter', 'Översikt', 'Förbättringar', 'Enkäter', 'Nöjdhet', 'Meny', 'Mitt konto', 'Logga ut', 'Avdelningschef']) expect(shell, words).toContain(words);
      for (const english of ['Log incident', 'Tickets', 'Contacts due', 'Dashboard', 'Improvements', 'Surveys', 'Satisfaction', 'Account', 'Sign out', 'Department manager', 'Skip to content']) expect(shell, english).not.toContain(english);
    }
  });

  it('keeps the shell English for an English reader', async () => {
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const { html } = await quality.get('/tickets');
    const shell = readable(/<header[\s\S]*<\/header>/.exec(html)![0]);
    for (const words of ['Log incident', 'Tickets', 'Contacts due', 'Dashboard', 'API', 'Account', 'Sign out', 'Quality manager']) expect(shell, words).toContain(words);
    expect(html).toContain('>Skip to content</a>');
  });

  it('shows the sign-in page in the language the browser asks for', async () => {
    const page = async (acceptLanguage: string) => readable(await (await fetch(`${t.baseUrl}/login`, { headers: { accept: 'text/html', 'accept-language': acceptLanguage } })).text());
    const nb = await page('nb-NO,nb;q=0.9,en;q=0.5');
    for (const words of ['Logg inn', 'Klager og gjenoppretting av kundeforhold. Logg inn for å fortsette.', 'E-postadresse', 'Passord', 'Gå til innholdet']) expect(nb, words).toContain(words);
    for (const english of ['Sign in', 'Password', 'Skip to content']) expect(nb, english).not.toContain(english);
    const nl = await page('nl');
    for (const words of ['Aanmelden', 'Wachtwoord', 'Meld u aan om verder te gaan.']) expect(nl, words).toContain(words);
    expect(await page('fr-FR')).toContain('Sign in to continue.');
  });

  it('shows the account page in the user\'s language, and in the new one as soon as it is chosen', async () => {
    const nl = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const before = readable((await nl.get('/account')).html);
    for (const words of ['Uw account', 'Wachtwoord wijzigen', 'Huidig wachtwoord', 'Nieuw wachtwoord', 'Uw taal', 'Taal opslaan', 'Sessies', 'Mijn andere sessies afmelden', 'Afdelingsmanager']) expect(before, words).toContain(words);
    expect(englishOf('shell', 'account').filter((words) => says(before, words))).toEqual([]);

    const chosen = await nl.post('/account/language', { language: 'sv' }, '/account');
    expect(chosen.status).toBe(303);
    const after = await nl.get(chosen.location!);
    expect(after.html).toContain('<header class="topbar" lang="sv">');
    const page = readable(after.html);
    for (const words of ['Ditt konto', 'Sidorna och dina mejl kommer nu på språket du valde.', 'Logga ut', 'Avdelningschef']) expect(page, words).toContain(words);
    // The next page, too, and a notice it does not know is not shown.
    const elsewhere = await nl.get('/account?done=constructor');
    expect(elsewhere.html).toContain('<header class="topbar" lang="sv">');
    expect(elsewhere.html).not.toContain('role="status"');
  });
});
