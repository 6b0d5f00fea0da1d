import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedLoyaltyDemo } from '../../src/database/seeds/loyalty.seed.js';
import { ContactsService } from '../../src/modules/contacts/contacts.service.js';
import { toActor, UsersService } from '../../src/modules/users/users.service.js';
import { Client } from '../support/http-client.js';
import { demoDealers } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The demo's loyalty journeys (the suites' demo leaves them out): every state, so /contacts and the figure are not empty. */
describe('the loyalty demo', () => {
  let t: TestApp;
  let dealers: Awaited<ReturnType<typeof demoDealers>>;

  beforeAll(async () => {
    t = await startTestApp();
    dealers = await demoDealers(await Client.login(t.baseUrl, 'admin@demo.test'));
    const users = t.app.get(UsersService);
    const staff = Object.fromEntries(await Promise.all(['no', 'se', 'nl'].map(async (c) => [c, toActor((await users.findByEmail(`sales.manager.${c}@demo.test`))!, 'session')])));
    expect(await seedLoyaltyDemo(t.app, dealers, staff)).toBe(10);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('holds journeys in every state, and the figures are not empty', async () => {
    const nl = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    const names = async (status: string) => (await nl.get(`/api/contacts?status=${status}`)).body.map((c: any) => c.customer.name);
    expect(await names('due')).toEqual(['Eva Visser']);
    expect(await names('overdue')).toEqual(['Daan Bakker']);
    expect(await names('done')).toEqual(expect.arrayContaining(['Sanne de Jong', 'Lars Kok', 'Fenna Smit']));
    const paused = (await nl.get('/api/contacts?status=scheduled')).body.filter((c: any) => c.paused).map((c: any) => c.customer.name);
    expect(new Set(paused)).toEqual(new Set(['Ruben Mulder']));
    const figures = (await (await Client.login(t.baseUrl, 'quality@demo.test')).get('/api/contacts/figures')).body;
    expect(figures).toMatchObject({ loyaltyKept: 0.75, lastCallsAnswered: 4, overdue: 2 });

    const page = await PageSession.signIn(t.baseUrl, 'sales.manager.nl@demo.test');
    const html = (await page.get('/contacts')).html;
    expect(html).toContain('Eva Visser');
    expect(html).toContain('Daan Bakker');
  });

  it('shows loyalty kept, contacts on time and overdue on the dashboard and in the league table', async () => {
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const html = (await page.get('/dashboard')).html;
    expect(html).toContain('75 %</span><span>loyalty kept at 11 months (3 of 4 last calls still a customer)');
    expect(html).toMatch(/<th[^>]*>Loyalty kept %<\/th>/);
    // Västkustens Bil: Erik kept (100 %); one overdue call (Maja).
    expect(html).toMatch(/Västkustens Bil Göteborg<\/td>(<td>[^<]*<\/td>){3}<td>100<\/td><td>[^<]*<\/td><td>1<\/td>/);
  });

  it('gives the league the same figures in one grouped query as one query a dealer did', async () => {
    const contacts = t.app.get(ContactsService);
    const quality = toActor((await t.app.get(UsersService).findByEmail('quality@demo.test'))!, 'session');
    const ids = Object.values(dealers).map((d) => d.id);
    const byDealer = await contacts.figuresByDealer(quality, ids);
    expect([...byDealer.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(byDealer.get(id)).toEqual(await contacts.figures(quality, id));
    // The demo has journeys at every dealer; at least one has a figure that is not zero.
    expect([...byDealer.values()].some((f) => f.done > 0 && f.lastCallsAnswered > 0)).toBe(true);

    // The page's league row of each dealer shows what /api/contacts/figures says of it.
    const api = await Client.login(t.baseUrl, 'quality@demo.test');
    const html = (await (await PageSession.signIn(t.baseUrl, 'quality@demo.test')).get('/dashboard')).html;
    const pct = (v: number | null) => (v === null ? '–' : String(Math.round(v * 100)));
    for (const d of Object.values(dealers)) {
      const f = (await api.get(`/api/contacts/figures?dealerId=${d.id}`)).body;
      const name = d.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      expect(html).toMatch(new RegExp(`${name}</td>(<td>[^<]*</td>){3}<td>${pct(f.loyaltyKept)}</td><td>${pct(f.onTimeShare)}</td><td>${f.overdue}</td>`));
    }

    // A dealer outside the caller's scope is refused like an unknown one.
    const nlManager = toActor((await t.app.get(UsersService).findByEmail('sales.manager.nl@demo.test'))!, 'session');
    await expect(contacts.figuresByDealer(nlManager, [dealers.nl.id, dealers.se.id])).rejects.toMatchObject({ code: 'dealer.not-found' });
  });

  it('exports the loyalty figures with the dashboard\'s and the league table\'s, as the page shows them', async () => {
    const quality = await Client.login(t.baseUrl, 'quality@demo.test');
    const figures = (await quality.get('/api/contacts/figures')).body;
    const rows = (await quality.get('/api/exports/dashboard.csv')).text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(rows).toEqual(expect.arrayContaining([
      'loyalty kept at 11 months %,3/4,75',
      `contacts done on time %,${figures.doneOnTime}/${figures.done},${Math.round(figures.onTimeShare * 100)}`,
      `contacts overdue,,${figures.overdue}`,
    ]));
    const league = (await quality.get('/api/exports/league.csv')).text.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(league[0]).toBe('rank,dealer,satisfaction index,SLA compliance %,recovery rate %,tickets,loyalty kept %,contacts on time %,contacts overdue');
    // Västkustens Bil: Erik kept (100 %); one overdue call (Maja) — as on the dashboard.
    expect(league.find((l) => l.includes('Västkustens Bil Göteborg'))).toMatch(/,100,[^,]*,1$/);
  });
});
