import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLocales } from '../../src/common/i18n/translator.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** What a reader meets on a page: its text and the labels read out (aria-label, placeholder, title), entities decoded. */
function readable(html: string): string {
  const body = html.slice(html.indexOf('<main'));
  const labels = [...body.matchAll(/(?:aria-label|placeholder|title)="([^"]*)"/g)].map((m) => m[1]);
  const text = body.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ').replace(/<[^>]+>/g, ' ');
  return [text, ...labels].join(' \n ').replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/** Every English label of a branch that the other language words differently, long enough not to be a common fragment. */
function englishLabels(branch: string, lang: string): string[] {
  const locales = loadLocales();
  const flat = (tree: unknown, p = ''): [string, string][] =>
    Object.entries((tree ?? {}) as Record<string, unknown>).flatMap(([k, v]) => (typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v, `${p}${k}.`)));
  const theirs = new Map(flat(locales[lang]![branch]));
  // A label with a {{placeholder}} is looked for by its longest fixed part.
  return flat(locales.en![branch])
    .filter(([k, v]) => theirs.get(k) !== v)
    .map(([, v]) => v.split(/{{\w+}}/).map((s) => s.trim()).sort((a, b) => b.length - a.length)[0]!)
    .filter((v) => v.length >= 8);
}

/** Issue 17: the queue and the ticket page in the reader's language; the JSON API stays language-neutral. */
describe("the queue and the ticket page in the reader's language", () => {
  let t: TestApp;
  let dealers: Record<string, DemoDealer>;
  let api: Client;
  let manager: PageSession;
  let ref: string;

  beforeAll(async () => {
    t = await startTestApp();
    api = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(api);
    manager = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    // A ticket with every panel: a style, a sale at risk, an escalation, a compensation, a message, timeline events.
    const created = await api.post('/api/tickets', complaint(dealers.nl.id, {
      department: 'sales', severity: 'high',
      customer: { name: 'Bram Dekker', email: 'bram.dekker@example.nl', style: { outgoing: false, factsFirst: true } },
      saleAtRisk: { model: 'ID.4', value: { amount: 41000, currency: 'EUR' } },
      desiredOutcome: 'A call back today',
    }));
    expect(created.status, created.text).toBe(201);
    ref = created.body.ref;
    expect((await api.post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' })).status).toBe(200);
    expect((await api.post(`/api/tickets/${ref}/escalate`, { reason: 'Klant belt opnieuw' })).status).toBe(200);
    expect((await api.post(`/api/tickets/${ref}/compensations`, { kind: 'loan-car', value: { amount: 0, currency: 'EUR' }, note: 'Leenauto morgen' })).status).toBe(201);
    expect((await api.post(`/api/tickets/${ref}/messages`, { body: 'Interne notitie', visibility: 'internal' })).status).toBe(201);
  });
  afterAll(() => t?.close());

  it('shows the Dutch sales manager the queue in Dutch, with no English label left', async () => {
    const page = await manager.get(`/tickets?dealerId=${dealers.nl.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<html lang="nl">');
    const text = readable(page.html);
    for (const word of ['Meldingen', 'Alle open', 'Mijn meldingen', 'Niet toegewezen', 'Verkoop in gevaar', 'Niet gesloten', 'Behandelaar', 'Onderwerp', 'Termijn', 'Ontvangen', 'Aan mij toewijzen', 'Geselecteerde aan mij toewijzen', 'Verkoop', 'Hoog', 'Luisteren']) {
      expect(text, word).toContain(word);
    }
    const left = englishLabels('queue', 'nl').filter((english) => text.includes(english));
    expect(left).toEqual([]);
    for (const english of ['All open', 'Unassigned', 'Not closed', 'Assignee', 'Subject', 'Received', 'Assign to me', 'Sale at risk', 'sale at risk', '>Sales', 'Apologise']) expect(page.html, english).not.toContain(english);
    // The values in the URL and the form stay slugs.
    expect(page.html).toContain('<option value="sales"');
  });

  it('shows the Dutch sales manager the ticket page in Dutch, with no English label left', async () => {
    const page = await manager.get(`/tickets/${ref}`);
    expect(page.status).toBe(200);
    const text = readable(page.html);
    for (const word of ['Herstelfasen', 'Excuses afronden', 'Escalaties', 'Compensatie', 'Leenauto', 'goedgekeurd', 'In de woorden van de klant', 'Termijnen', 'Contactgegevens klant', 'Toewijzing', 'Escaleren', 'Tijdlijn', 'Fase afgerond', 'Geëscaleerd', 'Compensatie voorgesteld', 'Blauw', 'Telefoon', 'verkoop in gevaar']) {
      expect(text, word).toContain(word);
    }
    const left = [...englishLabels('ticket', 'nl'), 'Blue: reflective and factual', 'Give the facts and the root cause.', 'Stage completed', 'Compensation proposed', 'How is this counted?'].filter((english) => text.includes(english));
    expect(left).toEqual([]);
    // The forms still post the same slugs.
    expect(page.html).toContain(`action="/tickets/${ref}/stages/apologise"`);
    expect(page.html).toMatch(/<option value="in-person">Persoonlijk<\/option>/);
  });

  it('keeps English for an English reader and the JSON API language-neutral', async () => {
    const quality = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const queue = readable((await quality.get('/tickets')).html);
    expect(queue).toContain('All open');
    expect(queue).toContain('Assign to me');
    const ticket = readable((await quality.get(`/tickets/${ref}`)).html);
    for (const word of ['Recovery stages', 'Complete Apologise', 'Blue: reflective and factual', 'Stage completed', 'Loan car']) expect(ticket, word).toContain(word);
    const managerApi = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    const body = (await managerApi.get(`/api/tickets/${ref}`)).body;
    expect(body).toMatchObject({ stage: 'apologise', department: 'sales', severity: 'high' });
    expect(body.compensations[0]).toMatchObject({ kind: 'loan-car', state: 'approved' });
    expect(body.timeline.map((e: { type: string }) => e.type)).toContain('stage-completed');
  });
});
