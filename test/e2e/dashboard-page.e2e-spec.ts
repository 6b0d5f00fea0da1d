import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { SlaTimer } from '../../src/modules/sla/sla-timer.entity.js';
import { Ticket } from '../../src/modules/tickets/ticket.entity.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// Wednesday 25 November 2026, ISO week 48: the trend runs from Monday 7 September (W37) to now.
const NOW = new Date('2026-11-25T12:00:00Z');
const TREND_START = new Date('2026-09-07T00:00:00Z');

/** The rules of a badge or a bar in app.css, by selector. */
function cssRule(css: string, selector: string): string {
  const at = css.indexOf(`${selector} {`);
  expect(at, selector).toBeGreaterThanOrEqual(0);
  return css.slice(at, css.indexOf('}', at));
}

describe('the dashboard page', () => {
  let t: TestApp;
  let quality: Client;
  let dealers: Record<string, DemoDealer>;
  let emptyDealer: string;
  const clock = new FixedClock(NOW);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(quality);
    // A dealer with no tickets at all: no rank in the league table.
    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    const made = await admin.post('/api/dealers', {
      name: 'Aardvark Autos (new)', country: 'dk', timeZone: 'Europe/Copenhagen', language: 'en', currency: 'DKK',
      calendar: { weekly: { mon: [['09:00', '17:00']] }, holidays: [] },
    });
    expect(made.status, made.text).toBe(201);
    emptyDealer = made.body.id;
    for (const country of ['nl', 'se']) {
      const reception = await Client.login(t.baseUrl, `reception.${country}@demo.test`);
      for (let i = 0; i < 6; i++) expect((await reception.post('/api/tickets', complaint(dealers[country].id)).then((r) => r.status))).toBe(201);
    }
    // Spread over the last 14 weeks (two before the trend), with timers met on time, late, breached and still running.
    const tickets = await t.dataSource.getRepository(Ticket).find({ order: { ref: 'ASC' } });
    for (const [i, ticket] of tickets.entries()) {
      const receivedAt = new Date(NOW.getTime() - 2 * HOUR - i * 8 * DAY - (i % 3) * 7 * HOUR);
      await t.dataSource.getRepository(Ticket).update({ id: ticket.id }, { receivedAt, followUpScore: [null, 5, 2, 4, 1][i % 5], rootCause: ['waiting-time', 'parts-availability', null][i % 3], slaState: (['on-track', 'at-risk', 'breached', 'met'] as const)[i % 4] });
      const timers = await t.dataSource.getRepository(SlaTimer).find({ where: { ticketId: ticket.id }, order: { target: 'ASC' } });
      for (const [k, timer] of timers.entries()) {
        const startedAt = new Date(receivedAt.getTime() + k * HOUR);
        const dueAt = new Date(startedAt.getTime() + (1 + ((i + k) % 3)) * DAY);
        const kind = (i + k) % 4;
        await t.dataSource.getRepository(SlaTimer).update({ id: timer.id }, {
          startedAt, dueAt,
          metAt: kind === 1 ? new Date(startedAt.getTime() + 5 * HOUR) : kind === 2 ? new Date(dueAt.getTime() + HOUR) : null,
          breachedAt: kind === 2 || kind === 3 ? dueAt : null,
        });
      }
    }
  });
  afterAll(() => t?.close());

  /** A moment as a literal each database compares its timestamp column with. */
  const lit = (d: Date) => (t.dataSource.options.type === 'postgres' ? `'${d.toISOString()}'::timestamptz` : `'${d.toISOString().replace('T', ' ').replace('Z', '')}'`);

  it('gives a 12-week trend of SLA compliance and recovery rate, as SQL written out here adds it up', async () => {
    const res = await quality.get('/api/reports/dashboard');
    expect(res.status, res.text).toBe(200);
    const expected = [];
    for (let w = 0; w < 12; w++) {
      const [from, to] = [new Date(TREND_START.getTime() + w * 7 * DAY), new Date(Math.min(TREND_START.getTime() + (w + 1) * 7 * DAY, NOW.getTime()))];
      const [timers] = await t.dataSource.query(
        `SELECT SUM(CASE WHEN s."metAt" IS NOT NULL OR s."breachedAt" IS NOT NULL OR s."dueAt" <= ${lit(NOW)} THEN 1 ELSE 0 END) AS done,
                SUM(CASE WHEN s."metAt" IS NOT NULL AND s."metAt" <= s."dueAt" THEN 1 ELSE 0 END) AS "onTime"
           FROM sla_timers s WHERE s."startedAt" >= ${lit(from)} AND s."startedAt" < ${lit(to)}`,
      );
      const [follow] = await t.dataSource.query(
        `SELECT COUNT(*) AS answered, SUM(CASE WHEN "followUpScore" >= 4 THEN 1 ELSE 0 END) AS recovered
           FROM tickets WHERE "followUpScore" IS NOT NULL AND "receivedAt" >= ${lit(from)} AND "receivedAt" < ${lit(to)}`,
      );
      const pct = (part: unknown, whole: unknown) => (Number(whole ?? 0) ? Math.round((1000 * Number(part ?? 0)) / Number(whole)) / 10 : null);
      expected.push({ week: `2026-W${37 + w}`, slaCompliance: pct(timers.onTime, timers.done), recoveryRate: pct(follow.recovered, follow.answered) });
    }
    expect(res.body.trend).toEqual(expected);
    // Worth comparing: most weeks have figures, and weeks without any are null, not 0.
    expect(expected.filter((w) => w.slaCompliance !== null).length).toBeGreaterThan(6);
    expect(expected.filter((w) => w.recoveryRate !== null).length).toBeGreaterThan(3);
    // The trend ends with the period asked for, whatever its start.
    const past = await quality.get('/api/reports/dashboard?from=2026-10-01&to=2026-10-15');
    expect(past.body.trend.map((w: { week: string }) => w.week)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-W${31 + i}`));
    // OpenAPI describes it.
    const doc = (await quality.get('/api/docs-json')).body;
    expect(JSON.stringify(doc.components.schemas.TrendWeekDto)).toContain('slaCompliance');
  });

  it('draws SLA states in the badges\' colours, labels at 12 px that stay 12 px, and the figures under each chart', async () => {
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const { status, html } = await page.get('/dashboard');
    expect(status).toBe(200);
    const css = readFileSync(join(process.cwd(), 'public/app.css'), 'utf8');
    for (const state of ['on-track', 'at-risk', 'breached', 'met']) {
      expect(html).toContain(`class="bar sla-${state}"`);
      // The bar is filled with the badge's background and outlined in its text colour.
      const badge = cssRule(css, `.sla-${state}`);
      const bar = cssRule(css, `.chart .bar.sla-${state}`);
      const [background, colour] = [/background: (#[0-9a-f]+)/.exec(badge)![1], /color: (#[0-9a-f]+)/.exec(badge)![1]];
      expect(bar).toContain(`fill: ${background}`);
      expect(bar).toContain(`stroke: ${colour === '#fff' ? background : colour}`);
    }
    // Every label 12 px or more, and the charts drawn at their own size (not shrunk to a phone's width).
    const sizes = [...html.matchAll(/<text [^>]*font-size="(\d+)"/g)].map((m) => Number(m[1]));
    expect(sizes.length).toBeGreaterThan(20);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(html.match(/<text /g)!.length).toBe(sizes.length);
    for (const m of html.matchAll(/<svg width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"/g)) expect([m[1], m[2]]).toEqual([m[3], m[4]]);
    expect(Number(/\.chart \.label \{ font-size: (\d+)px/.exec(css)![1])).toBeGreaterThanOrEqual(12);
    expect(css).not.toMatch(/\.chart svg \{[^}]*width: 100%/);
    // Words, not slugs; snapshot charts say they are about what is open now.
    for (const word of ['On track', 'At risk', 'Breached', 'Met', 'Listen', 'Follow-up']) expect(html).toContain(`>${word}<`);
    expect(html).not.toMatch(/>(on-track|at-risk|follow-up)</);
    expect(html).toMatch(/Open tickets by SLA state <span class="muted">\(open now\)/);
    expect(html).toMatch(/Open tickets by stage <span class="muted">\(open now\)/);
    // Every chart: a title and description for screen readers, and its figures one click away.
    const charts = html.match(/<figure class="chart"/g)!.length;
    expect(charts).toBe(5);
    expect(html.match(/<details class="chart-figures">\s*<summary>Figures behind the chart<\/summary>/g)!.length).toBe(charts);
    expect(html.match(/role="img" aria-labelledby="chart-[a-z]+-title chart-[a-z]+-desc"/g)!.length).toBe(charts);
    expect(html).toMatch(/<title id="chart-sla-title">/);
    // The trend: a line chart and a table of its 12 weeks.
    expect(html).toContain('SLA compliance and recovery rate, last 12 weeks');
    expect(html).toMatch(/class="trend-line series-sla"/);
    const trendTable = html.slice(html.indexOf('class="chart-data trend-data"'));
    expect(trendTable.slice(0, trendTable.indexOf('</table>')).match(/<tr><td>2026-W/g)!.length).toBe(12);
    // Date pickers for the period.
    expect(html).toMatch(/<input type="date" name="from" id="f-from" value="2026-09-02">/);
    expect(html).toMatch(/<input type="date" name="to" id="f-to" value="2026-11-25">/);
  });

  it('gives a dealer without figures no rank, after the ranked ones', async () => {
    const res = await quality.get('/api/reports/dashboard');
    const last = res.body.league.at(-1);
    expect([last.dealerId, last.rank]).toEqual([emptyDealer, null]);
    const ranks = res.body.league.filter((d: { rank: number | null }) => d.rank !== null).map((d: { rank: number }) => d.rank);
    expect(ranks).toEqual(Array.from({ length: res.body.league.length - 1 }, (_, i) => i + 1));
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const { html } = await page.get('/dashboard');
    const league = html.slice(html.indexOf('<table class="league">'));
    const rows = [...league.slice(0, league.indexOf('</table>')).matchAll(/<tr><td class="rank">([^<]*)<\/td><td>([^<]*)</g)].map((m) => [m[1], m[2]]);
    expect(rows.at(-1)).toEqual(['—', 'Aardvark Autos (new)']);
    expect(rows.slice(0, -1).map((r) => r[0])).toEqual(ranks.map(String));
    const csv = await quality.get('/api/exports/league.csv');
    expect(csv.text.trim().split('\n').at(-1)).toMatch(/^,"?Aardvark Autos \(new\)/);
  });

  it('speaks the reader\'s language, in all four', async () => {
    const words: Record<string, string[]> = {
      en: ['On track', 'open now', 'Figures behind the chart'],
      nb: ['I rute', 'åpne nå', 'Tallene bak diagrammet'],
      sv: ['Enligt plan', 'öppna nu', 'Siffrorna bakom diagrammet'],
      nl: ['Op schema', 'nu open', 'Cijfers achter de grafiek'],
    };
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    for (const [language, expected] of Object.entries(words)) {
      await t.dataSource.query(`UPDATE users SET language = '${language}' WHERE email = 'quality@demo.test'`);
      const { html } = await page.get('/dashboard');
      expect(html).toContain(`<html lang="${language}">`);
      for (const w of expected) expect(html, language).toContain(w);
    }
    await t.dataSource.query(`UPDATE users SET language = 'en' WHERE email = 'quality@demo.test'`);
  });

  it('takes the picked "to" day whole, and shows the picked days back', async () => {
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const { status, html } = await page.get('/dashboard?from=2026-11-01&to=2026-11-24&dealerId=');
    expect(status).toBe(200);
    expect(html).toContain('value="2026-11-01"');
    expect(html).toContain('value="2026-11-24"');
    // The API's `to` is the next midnight (Handlebars writes = as &#x3D;).
    expect(html).toContain('/api/exports/dashboard.csv?from&#x3D;2026-11-01&amp;to&#x3D;2026-11-25');
    const bad = await page.get('/dashboard?from=yesterday');
    expect(bad.status).toBe(400);
    // In words, under the field (the form helper's message).
    expect(bad.html).toMatch(/<input type="date" name="from" id="f-from" aria-invalid="true" aria-describedby="e-from"/);
    expect(bad.html).toContain('<p class="field-error" id="e-from">');
  });
});
