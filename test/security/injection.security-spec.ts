import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from './support/figures.js';
import { buildWorld, type World } from './support/world.js';

/** SQL metacharacters, unicode and length, in every filter of the queue, the exports and the reports. */
const NASTY = ["'", '"', ';--', '%', '_', '\\', "' OR 1=1 --", "') OR ('1'='1", '" OR ""="', '1; DROP TABLE tickets', '%%', '_%_', '\\%', 'Ωmega ñ 漢字 🚗', '\u202e', 'a'.repeat(5000), '$1', '?', ':like', '*/'];
const QUEUE_FILTERS = ['dealerId', 'department', 'stage', 'status', 'severity', 'slaState', 'assigneeId', 'channel', 'q', 'openOnly', 'sort', 'limit', 'cursor'];
const REPORT_FILTERS = ['dealerId', 'from', 'to'];
const ENDPOINTS: { path: string; page?: boolean; filters: string[] }[] = [
  { path: '/api/tickets', filters: QUEUE_FILTERS },
  { path: '/tickets', page: true, filters: QUEUE_FILTERS },
  { path: '/api/exports/tickets.csv', filters: QUEUE_FILTERS },
  { path: '/api/reports/dashboard', filters: REPORT_FILTERS },
  { path: '/dashboard', page: true, filters: REPORT_FILTERS },
  { path: '/api/exports/dashboard.csv', filters: REPORT_FILTERS },
  { path: '/api/exports/league.csv', filters: REPORT_FILTERS },
  { path: '/api/reports/satisfaction-index', filters: REPORT_FILTERS },
  { path: '/reports/satisfaction', page: true, filters: REPORT_FILTERS },
];

describe('hostile filters and spreadsheet formulas', () => {
  let w: World;
  let requests = 0;
  let literal: { ref: string };

  beforeAll(async () => {
    w = await buildWorld();
    // Tickets on both sides, one whose text holds the wildcards literally.
    await w.ticket('other', { account: "Norwegian case with ' OR 1=1 -- and 100%_done" });
    literal = await w.ticket('own', { account: 'Dutch case: 100%_done \\ really' });
  });
  afterAll(async () => {
    recordFigures('injection', { endpoints: ENDPOINTS.length, values: NASTY.length, requests });
    await w?.close();
  });

  it('answers every hostile filter value with 200 or 400, never a 5xx, and never beyond the caller’s dealer', async () => {
    const problems: string[] = [];
    for (const e of ENDPOINTS) {
      for (const filter of e.filters) {
        for (const value of NASTY) {
          const res = await w.send('manager', 'GET', `${e.path}?${new URLSearchParams({ [filter]: value, ...(filter === 'status' ? {} : {}) })}`, undefined, { page: e.page });
          requests++;
          if (![200, 400].includes(res.status)) problems.push(`${e.path} ${filter}=${JSON.stringify(value.slice(0, 20))}: ${res.status}`);
          if (/Leak-no-|Norwegian case|Fjord Bil/.test(res.text)) problems.push(`${e.path} ${filter}=${JSON.stringify(value.slice(0, 20))}: the other dealer's data`);
          if (res.status === 400 && !e.page && !res.text.includes(filter)) problems.push(`${e.path} ${filter}: 400 without naming the field: ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('treats %, _ and \\ in the search as text, not as wildcards', async () => {
    const all = (await w.send('admin', 'GET', '/api/tickets?limit=200')).text;
    expect(JSON.parse(all).items.length).toBeGreaterThan(2);
    const search = async (q: string): Promise<string[]> =>
      JSON.parse((await w.send('admin', 'GET', `/api/tickets?${new URLSearchParams({ q, limit: '200' })}`)).text).items.map((i: { ref: string }) => i.ref);
    // The search is by words (a full-text index): %, _ and \ are not word characters, so
    // alone they find no ticket (above all, not every ticket) …
    for (const q of ['%', '_', '%_', '\\']) expect(await search(q), q).toEqual([]);
    // … and beside words they only separate them: the text with them is still found, …
    for (const q of ['100%_done', '100%', '_done', 'done \\ really']) {
      const refs = await search(q);
      expect(refs, q).toContain(literal.ref);
      expect(refs.length, q).toBeLessThanOrEqual(2);
    }
    // … and never stand for a letter, as LIKE's _ and % would.
    for (const q of ['d_ne', 'rea%y']) expect(await search(q), q).not.toContain(literal.ref);
    const injected = JSON.parse((await w.send('manager', 'GET', `/api/tickets?${new URLSearchParams({ q: "' OR 1=1 --", limit: '200' })}`)).text);
    expect(injected.items).toEqual([]);
  });

  it('neutralises formulas in real exports: =, +, -, @, tab and CR become text', async () => {
    // Customer names go out in the queue export, dealer names in the league.
    const names = ['=HYPERLINK("http://evil.example","x")', '+SUM(1,2)', '-2+3', '@cmd'];
    const dealerNames = ['=1+1 dealer', '@SUM dealer', '\tTAB dealer', '\rCR dealer'];
    for (const [i, n] of names.entries()) await w.ticket('own', { customer: { name: n, email: `f${i}@example.com` } });
    for (const [i, n] of dealerNames.entries()) {
      const res = await w.admin.post('/api/dealers', { name: n, country: `q${'abcd'[i]}`, timeZone: 'Europe/Oslo', language: 'en', currency: 'EUR', calendar: { weekly: { mon: [['09:00', '17:00']] }, holidays: [] } });
      expect(res.status, res.text).toBe(201);
    }
    const exports = [(await w.send('manager', 'GET', '/api/exports/tickets.csv?status=open')), (await w.send('admin', 'GET', '/api/exports/league.csv'))];
    const cells: string[] = [];
    for (const res of exports) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/csv/);
      cells.push(...(parse(res.text, { bom: true, relax_column_count: true }) as string[][]).flat());
    }
    for (const f of [...names, ...dealerNames.slice(0, 2)]) expect(cells, JSON.stringify(f)).toContain(`'${f}`);
    // A leading tab or CR never gets stored (names are trimmed on the way in); csv.spec covers the cell itself.
    expect(cells).toEqual(expect.arrayContaining(['TAB dealer', 'CR dealer']));
    // No cell starts with a formula character (a negative number is a number, not a formula).
    expect(cells.filter((c) => /^[=+@\t\r]/.test(c) || /^-(?!\d+(\.\d+)?$)/.test(c))).toEqual([]);
  });
});
