import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Friday 23 October 2026, 16:35 in Utrecht (CEST, UTC+2); the clocks go back on Sunday the 25th. */
const FRIDAY_1635 = new Date('2026-10-23T14:35:00Z');

describe('every deadline explains itself', () => {
  const clock = new FixedClock(FRIDAY_1635);
  let t: TestApp;
  let dealers: Record<string, DemoDealer>;
  let friday: any; // received Friday 16:30, before the Saturday holiday
  let waiting: any; // waited on the customer on Monday, and waits again

  const as = (email: string) => Client.login(t.baseUrl, email);
  // Signed in once per user after the clock has stopped moving (sign-in hashes a password: slow).
  const clients = new Map<string, Promise<Client>>();
  const client = (email: string) => clients.get(email) ?? clients.set(email, as(email)).get(email)!;
  const explain = async (email: string, ref: string, target: string) => (await client(email)).get(`/api/tickets/${ref}/sla/${target}/explain`);
  /** The page's text as a reader sees it (Handlebars writes = as an entity). */
  const readable = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&#x27;/g, "'");
  const spanMs = (e: any) => e.spans.reduce((sum: number, s: any) => sum + (Date.parse(s.to) - Date.parse(s.from)), 0);

  beforeAll(async () => {
    t = await startTestApp({ SESSION_ABSOLUTE_HOURS: '168', SESSION_IDLE_MINUTES: '1440' }, { clock });
    const admin = await as('admin@demo.test');
    dealers = await demoDealers(admin);
    // Saturday 24 October becomes a holiday in Utrecht.
    const nl = (await admin.get(`/api/dealers/${dealers.nl.id}`)).body;
    const calendar = { weekly: nl.calendar.weekly, holidays: [...nl.calendar.holidays, { date: '2026-10-24', intervals: [], name: 'Test holiday' }] };
    const patched = await admin.patch(`/api/dealers/${dealers.nl.id}`, { calendar });
    expect(patched.status, patched.text).toBe(200);

    const reception = await as('reception.nl@demo.test');
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, { department: 'sales', category: 'waiting-time', severity: 'high', receivedAt: '2026-10-23T16:30:00+02:00' }));
    expect(res.status, res.text).toBe(201);
    friday = res.body;

    // Monday 26 October 09:00 CET: a medium ticket; waits 11:00–13:30, resumes, and waits again from 14:00.
    clock.set(new Date('2026-10-26T08:00:00Z'));
    const second = await (await as('reception.nl@demo.test')).post('/api/tickets', complaint(dealers.nl.id, { receivedAt: '2026-10-26T09:00:00+01:00' }));
    expect(second.status, second.text).toBe(201);
    const quality = await as('quality@demo.test');
    const step = async (at: string, path: string, body?: unknown) => {
      clock.set(new Date(at));
      const r = await quality.post(`/api/tickets/${second.body.ref}/${path}`, body);
      expect(r.status, r.text).toBe(200);
      return r.body;
    };
    await step('2026-10-26T10:00:00Z', 'wait', { reason: 'Asked for the invoice' });
    await step('2026-10-26T12:30:00Z', 'resume');
    waiting = await step('2026-10-26T13:00:00Z', 'wait', { reason: 'Asked for photos' });
    clock.set(new Date('2026-10-26T13:05:00Z'));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('explains the Friday-afternoon listen deadline: 30 min on Friday, the holiday, 90 min on Sunday after the clocks went back', async () => {
    const res = await explain('quality@demo.test', friday.ref, 'listen');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      target: 'listen',
      startedAt: '2026-10-23T14:30:00.000Z',
      dueAt: '2026-10-25T11:30:00.000Z',
      businessMinutes: 120,
      timeZone: 'Europe/Amsterdam',
      spans: [
        { from: '2026-10-23T14:30:00.000Z', to: '2026-10-23T15:00:00.000Z', minutes: 30 },
        { from: '2026-10-25T10:00:00.000Z', to: '2026-10-25T11:30:00.000Z', minutes: 90 },
      ],
      closed: [{ date: '2026-10-24', reason: 'holiday', name: 'Test holiday' }],
      pauses: [],
      pausedAfterDeadline: 0,
    });
    expect(friday.sla.timers.find((x: any) => x.target === 'listen').dueAt).toBe(res.body.dueAt);
  });

  it('adds up every deadline of both tickets to its target and ends it at the dueAt the ticket shows', async () => {
    for (const ticket of [friday, waiting]) {
      const shown = (await (await client('quality@demo.test')).get(`/api/tickets/${ticket.ref}`)).body.sla.timers;
      expect(shown).toHaveLength(4);
      for (const timer of shown) {
        const e = (await explain('quality@demo.test', ticket.ref, timer.target)).body;
        expect(spanMs(e), `${ticket.ref} ${timer.target}`).toBe(e.businessMinutes * 60_000);
        expect(e.spans.reduce((sum: number, s: any) => sum + s.minutes, 0)).toBeCloseTo(e.businessMinutes, 9);
        expect(e.spans.at(-1).to).toBe(timer.dueAt);
        expect(e.dueAt).toBe(timer.dueAt);
        expect(e.recordedDueAt).toBeUndefined();
      }
    }
    // The 5-day resolve target of the Friday ticket: Fri 30, Sat holiday, Sun 300, Mon–Wed 540 each, Thu 9:00–14:30 (330) → 2400.
    const resolve = (await explain('quality@demo.test', friday.ref, 'resolve')).body;
    expect(resolve.spans.map((s: any) => s.minutes)).toEqual([30, 300, 540, 540, 540, 450]);
    expect(resolve.dueAt).toBe('2026-10-29T15:30:00.000Z');
    expect(resolve.closed).toEqual([{ date: '2026-10-24', reason: 'holiday', name: 'Test holiday' }]);
  });

  it('lists the waits on the customer: the ended one moves the deadline on, the running one does not yet', async () => {
    const listen = (await explain('reception.nl@demo.test', waiting.ref, 'listen')).body;
    expect(listen).toMatchObject({ businessMinutes: 240, startedAt: '2026-10-26T08:00:00.000Z', dueAt: '2026-10-26T14:30:00.000Z', pausedAfterDeadline: 0 });
    expect(listen.pauses).toEqual([
      { from: '2026-10-26T10:00:00.000Z', to: '2026-10-26T12:30:00.000Z', minutes: 150 },
      { from: '2026-10-26T13:00:00.000Z', to: null, minutes: null },
    ]);
    expect(listen.spans).toEqual([
      { from: '2026-10-26T08:00:00.000Z', to: '2026-10-26T10:00:00.000Z', minutes: 120 },
      { from: '2026-10-26T12:30:00.000Z', to: '2026-10-26T14:30:00.000Z', minutes: 120 },
    ]);
    expect(listen.closed).toEqual([]);
    const apologise = (await explain('reception.nl@demo.test', waiting.ref, 'apologise')).body;
    // 480 min: Mon 09:00–11:00 and 13:30–18:00 (390), Tue 09:00–10:30 (90).
    expect(apologise.spans.map((s: any) => [s.from, s.to])).toEqual([
      ['2026-10-26T08:00:00.000Z', '2026-10-26T10:00:00.000Z'],
      ['2026-10-26T12:30:00.000Z', '2026-10-26T17:00:00.000Z'],
      ['2026-10-27T08:00:00.000Z', '2026-10-27T09:30:00.000Z'],
    ]);
  });

  it('answers 404 for another dealer’s ticket exactly as for an unknown one, and names an unknown target', async () => {
    const other = await explain('reception.no@demo.test', friday.ref, 'listen');
    const unknown = await explain('reception.no@demo.test', 'AM-NOPE-000000', 'listen');
    expect(other.status).toBe(404);
    expect(other.body).toEqual({ ...unknown.body, message: `No ticket ${friday.ref}` });
    expect(unknown.body).toMatchObject({ statusCode: 404, code: 'ticket.not-found' });
    const target = await explain('quality@demo.test', friday.ref, 'lunch');
    expect(target.status).toBe(404);
    expect(target.body).toMatchObject({ code: 'sla.target.not-found' });
    expect(target.body.message).toContain('"lunch"');
    expect(target.body.message).toContain('listen, apologise, fix, resolve');
    // Another dealer asking for an unknown target still learns nothing of the ticket.
    expect((await explain('reception.no@demo.test', friday.ref, 'lunch')).body.code).toBe('ticket.not-found');
  });

  it('shows "How is this counted?" under each deadline on the ticket page, in the staff user’s language', async () => {
    const page = await (await PageSession.signIn(t.baseUrl, 'quality@demo.test')).get(`/tickets/${friday.ref}`);
    page.html = readable(page.html);
    expect(page.status).toBe(200);
    expect(page.html.match(/<details class="sla-explain"/g)).toHaveLength(4);
    expect(page.html).toContain('How is this counted?');
    expect(page.html).toContain('Fri 23 Oct 16:30–17:00 · 30 min');
    expect(page.html).toContain('Sat 24 Oct closed: holiday (Test holiday)');
    expect(page.html).toContain('Sun 25 Oct 11:00–12:30 · 90 min');
    expect(page.html).toContain('Europe/Amsterdam');
    expect(page.html).toContain('120 min = the listen target');
    expect(page.html).not.toMatch(/<script/);

    const dutch = await (await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test')).get(`/tickets/${waiting.ref}`);
    dutch.html = readable(dutch.html);
    expect(dutch.html).toContain('Hoe wordt dit geteld?');
    expect(dutch.html).toMatch(/Gepauzeerd ma 26 okt 11:00 – 13:30/);
    expect(dutch.html).toMatch(/Gepauzeerd sinds ma 26 okt 14:00/);
  });

  it('says when the calendar changed after a deadline was set, and answers 422 (the page still opens) for a calendar with no hours left', async () => {
    const admin = await client('admin@demo.test');
    const nl = (await admin.get(`/api/dealers/${dealers.nl.id}`)).body;
    // Saturday 24 October is a working day again: counted today, the listen deadline would be Saturday 12:30.
    const holidays = nl.calendar.holidays.filter((h: any) => h.date !== '2026-10-24');
    expect((await admin.patch(`/api/dealers/${dealers.nl.id}`, { calendar: { weekly: nl.calendar.weekly, holidays } })).status).toBe(200);
    const listen = (await explain('quality@demo.test', friday.ref, 'listen')).body;
    expect(listen).toMatchObject({ dueAt: '2026-10-24T10:30:00.000Z', recordedDueAt: '2026-10-25T11:30:00.000Z', closed: [] });
    expect(spanMs(listen)).toBe(120 * 60_000);
    const page = readable((await (await PageSession.signIn(t.baseUrl, 'quality@demo.test')).get(`/tickets/${friday.ref}`)).html);
    expect(page).toContain('The calendar has changed since this deadline was set');

    expect((await admin.patch(`/api/dealers/${dealers.nl.id}`, { calendar: { weekly: {}, holidays: [] } })).status).toBe(200);
    const none = await explain('quality@demo.test', friday.ref, 'listen');
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: 'sla.explain.invalid-state' });
    const closedPage = await (await PageSession.signIn(t.baseUrl, 'quality@demo.test')).get(`/tickets/${friday.ref}`);
    expect(closedPage.status).toBe(200);
    expect(closedPage.html).not.toContain('sla-explain');
  });
});
