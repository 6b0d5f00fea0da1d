import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { loginForm, PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The body as sent, byte-order mark included (fetch's text() would drop it). */
async function rawText(res: Response): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
}

/** Parses our CSV (BOM, CRLF, quoted cells) back into rows. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += c;
  }
  return rows;
}

describe('dashboard, league table and exports', () => {
  let t: TestApp;
  let quality: Client;
  let dealers: Record<string, DemoDealer>;

  beforeAll(async () => {
    t = await startTestApp();
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(quality);
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', severity: 'critical', customer: { name: '=HYPERLINK("http://evil.example","click")', email: 'evil@example.com' } }));
    const manager = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    const { body } = await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', onTheSpot: { listened: true, apology: { by: 'A', how: 'in-person' } } }));
    await manager.post(`/api/tickets/${body.ref}/stages/fix`, { rootCause: 'process', action: 'a', owner: 'o' });
    await manager.post(`/api/tickets/${body.ref}/compensations`, { kind: 'gift', value: { amount: 25, currency: 'EUR' } }).then((c) => manager.post(`/api/tickets/${body.ref}/compensations/${c.body.id}/deliver`));
    await manager.post(`/api/tickets/${body.ref}/stages/compensate`, {});
    await manager.post(`/api/tickets/${body.ref}/stages/follow-up`, { score: 5, via: 'phone' });
  });
  afterAll(() => t?.close());

  it('gives the figures of the period and scope', async () => {
    const res = await quality.get('/api/reports/dashboard');
    expect(res.status, res.text).toBe(200);
    const f = res.body;
    const open = f.openByStage.reduce((s: number, r: any) => s + r.count, 0);
    const queue = await quality.get('/api/tickets?limit=200');
    expect(open).toBe(queue.body.items.filter((i: any) => i.status !== 'closed').length);
    expect(f.rootCauses).toEqual(expect.arrayContaining([{ rootCause: 'process', count: 1 }]));
    expect(f.compensation).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'gift', currency: 'EUR', total: 25 })]));
    expect(f.recovery).toMatchObject({ answered: 1, recovered: 1, rate: 100 });
    expect(f.slaCompliance.map((c: any) => c.target)).toEqual(['listen', 'apologise', 'fix', 'resolve']);
    expect(f.medianHoursToFirstResponse).not.toBeNull();
    expect(f.league.map((d: any) => d.dealerName).sort()).toEqual(Object.values(dealers).map((d) => d.name).sort());
    expect(f.weeklyTrend.reduce((s: number, w: any) => s + w.count, 0)).toBeGreaterThanOrEqual(6);
    const reception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    const scoped = (await reception.get('/api/reports/dashboard')).body;
    expect(scoped.league.map((d: any) => d.dealerId)).toEqual([dealers.se.id]);
    expect((await quality.get('/api/reports/dashboard?from=soon')).status).toBe(400);
  });

  it('exports the filtered queue as CSV whose rows match the queue, with formulas neutralised', async () => {
    const res = await fetch(`${t.baseUrl}/api/exports/tickets.csv?dealerId=${dealers.nl.id}&department=sales`, { headers: { cookie: (quality as any).cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const rows = parseCsv(await rawText(res));
    const [header, ...data] = rows;
    expect(header.slice(0, 3)).toEqual(['ref', 'dealerId', 'customer']);
    const queue = await quality.get(`/api/tickets?dealerId=${dealers.nl.id}&department=sales&limit=200`);
    expect(data.map((r) => r[0])).toEqual(queue.body.items.map((i: any) => i.ref));
    const evil = data.find((r) => r[2].includes('HYPERLINK'))!;
    expect(evil[2]).toBe(`'=HYPERLINK("http://evil.example","click")`);
  });

  it('exports the dashboard figures and the league table', async () => {
    const dash = parseCsv(await rawText(await fetch(`${t.baseUrl}/api/exports/dashboard.csv`, { headers: { cookie: (quality as any).cookie } })));
    expect(dash[0]).toEqual(['figure', 'key', 'value']);
    expect(dash).toEqual(expect.arrayContaining([['root cause', 'process', '1'], ['recovery rate %', '', '100']]));
    const league = parseCsv(await rawText(await fetch(`${t.baseUrl}/api/exports/league.csv`, { headers: { cookie: (quality as any).cookie } })));
    expect(league[0]).toEqual(['rank', 'dealer', 'satisfaction index', 'SLA compliance %', 'recovery rate %', 'tickets', 'loyalty kept %', 'contacts on time %', 'contacts overdue']);
    expect(league).toHaveLength(4);
  });

  it('draws the dashboard with its charts as SVG and their numbers as tables; principals land on it', async () => {
    const form = await loginForm(t.baseUrl);
    const principal = await fetch(`${t.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ _csrf: form.csrf, email: 'principal@demo.test', password: 'demo-password' }), redirect: 'manual', headers: { cookie: form.cookie, accept: 'text/html' } });
    expect(principal.headers.get('location')).toBe('/dashboard');
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const res = await page.get('/dashboard');
    expect(res.status).toBe(200);
    // Four bar charts and the 12-week trend's line chart.
    expect((res.html.match(/<svg /g) ?? []).length).toBe(5);
    expect(res.html).toContain('Root causes (Pareto)');
    expect(res.html).toContain('<polyline points=');
    expect(res.html).toContain('id="league"');
    for (const d of Object.values(dealers)) expect(res.html).toContain(d.name);
    expect((await page.get('/dashboard?from=nonsense')).status).toBe(400);
  });
});
