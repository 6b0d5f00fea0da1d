import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureQueries, touches, type CapturedQuery } from '../../src/common/database/query-plans.js';
import { Client } from '../support/http-client.js';
import { demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const QUESTIONS = [
  { id: 'wait', text: 'Waiting time', area: 'workshop-service', weight: 40, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' },
  // No dealer has this department: a ticket for it is refused, and its row with it.
  { id: 'valet', text: 'The car was cleaned', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'valeting', category: 'workmanship' },
  { id: 'drive', text: 'How the car drives', area: 'product-driving', weight: 40, scaleMax: 10, negativeAtOrBelow: 3, department: 'sales', category: 'product' },
];

const TRANSACTION = /^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b/i;

/** The statements of the first transaction in `queries`, its BEGIN and COMMIT left out. */
function firstTransaction(queries: CapturedQuery[]): CapturedQuery[] {
  const begin = queries.findIndex((q) => /^\s*(BEGIN|START TRANSACTION)\b/i.test(q.sql));
  const commit = queries.findIndex((q, i) => i > begin && /^\s*COMMIT\b/i.test(q.sql));
  return queries.slice(begin + 1, commit);
}

/**
 * Intake writes each table once: the ticket goes in with its SLA fields (its timers planned,
 * and those met on the spot met, before anything is written), its reference in one statement,
 * nothing read back. A survey import logs the tickets of its negative rows together, in a few
 * multi-row statements, with exactly the rows, events and mails that logging them one by one
 * through the webhook makes.
 */
describe('intake writes', () => {
  let t: TestApp;
  let admin: Client;
  let dealers: Record<string, DemoDealer>;
  const rows = async (sql: string, params: unknown[] = []) => (await t.dataSource.query(t.dataSource.options.type === 'postgres' ? sql.replace(/\?/g, (() => { let n = 0; return () => `$${++n}`; })()) : sql, params)) as Record<string, unknown>[];
  const time = (v: unknown) => (v == null ? null : new Date(v instanceof Date ? v : `${String(v).replace(' ', 'T')}Z`).toISOString());

  beforeAll(async () => {
    t = await startTestApp();
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
  });
  afterAll(async () => t?.close());

  it('logs a returning customer and vehicle in one statement per table, the ticket with its SLA fields and nothing read back', async () => {
    const reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    const body = {
      dealerId: dealers.nl.id, department: 'sales', category: 'waiting-time', channel: 'walk-in', severity: 'high',
      customer: { name: 'Writes Customer', email: 'writes.customer@example.nl', phone: '+31612345678' },
      vehicle: { vin: 'WVWZZZ1JZXW000777', registration: 'AB-123-C', model: 'Golf' },
      account: 'Waited 25 minutes at the sales desk.', desiredOutcome: 'A call', saleAtRisk: { model: 'ID.4', value: { amount: 45000, currency: dealers.nl.currency } },
      onTheSpot: { listened: true, apology: { by: 'Reception', how: 'in-person' }, compensation: { kind: 'fuel', note: 'Fuel', value: { amount: 20, currency: dealers.nl.currency } } },
    };
    expect((await reception.post('/api/tickets', body)).status).toBe(201); // the customer and vehicle now return
    let created: any;
    const queries = await captureQueries(t.dataSource, async () => {
      created = await reception.post('/api/tickets', body);
    });
    expect(created.status, created.text).toBe(201);
    const tx = firstTransaction(queries);
    const list = tx.map((q) => q.sql.replace(/\s+/g, ' ').slice(0, 100)).join('\n');
    // Each table written once; no UPDATE of what was just inserted; no timer or counter read.
    for (const table of ['tickets', 'sla_timers', 'timeline_events', 'notifications', 'compensations', 'ref_sequences']) {
      expect(tx.filter((q) => touches(q, [table])), `${table}:\n${list}`).toHaveLength(1);
    }
    expect(tx.filter((q) => /^\s*UPDATE\s+"?(tickets|sla_timers)\b/i.test(q.sql)), list).toEqual([]);
    expect(tx.filter((q) => TRANSACTION.test(q.sql)), list).toEqual([]);
    expect(tx.length, list).toBeLessThanOrEqual(12);

    // What was written is what the timers say: listen and apologise met on the spot, at receipt.
    const [ticket] = await rows('SELECT id, "slaState", "nextDueAt", "receivedAt", stage FROM tickets WHERE ref = ?', [created.body.ref]);
    const timers = await rows('SELECT target, "metAt", "dueAt", "nextCheckAt" FROM sla_timers WHERE "ticketId" = ? ORDER BY "dueAt"', [ticket.id]);
    expect(timers.filter((x) => x.metAt).map((x) => [x.target, time(x.metAt)])).toEqual([['listen', time(ticket.receivedAt)], ['apologise', time(ticket.receivedAt)]]);
    expect(timers.filter((x) => x.metAt).map((x) => x.nextCheckAt)).toEqual([null, null]);
    expect(time(ticket.nextDueAt)).toBe(time(timers.find((x) => !x.metAt)!.dueAt));
    expect([ticket.slaState, ticket.stage]).toEqual(['on-track', 'fix']);
    expect(created.body.sla).toMatchObject({ state: 'on-track', nextDue: time(ticket.nextDueAt) });
  });

  it('imports negative rows as the webhook takes them one by one, their tickets logged together', async () => {
    const survey = async (name: string) => (await admin.post('/api/surveys', { name, kind: 'after-sales', questions: QUESTIONS })).body.id as string;
    const [imported, oneByOne] = [await survey('Writes import'), await survey('Writes webhook')];
    const users = (await admin.get('/api/users')).body;
    const key = await admin.post('/api/admin/api-keys', { userId: users.find((u: any) => u.email === 'quality@demo.test').id, name: 'writes provider' });
    const provider = Client.withKey(t.baseUrl, key.body.key);

    // 60 rows: every third customer negative on waiting, every tenth row from the fifth on
    // driving; rows 50-59 return as customers 0-9 under a new name; two rows negative only on
    // the department no dealer has (refused); row 40 repeats row 3.
    const row = (run: string, i: number) => {
      const c = i >= 50 ? i - 50 : i === 40 ? 3 : i;
      const refused = i === 7 || i === 22;
      return {
        externalId: `${run}-${i === 40 ? 3 : i}`, dealerId: dealers.nl.id, respondedAt: '2026-11-19T12:00:00+01:00',
        customerName: i >= 50 ? `Renamed ${c}` : `Customer ${c}`, customerEmail: `${run}-c${c}@example.nl`, customerPhone: c % 4 === 0 ? `+3161000${String(c).padStart(4, '0')}` : '',
        wait: refused ? 8 : c % 3 === 0 ? 2 : 8, valet: refused ? 1 : 9, drive: i % 10 === 5 ? 1 : 9,
      };
    };
    const csv = ['externalId,dealerId,respondedAt,customerName,customerEmail,customerPhone,score:wait,score:valet,score:drive'];
    for (let i = 0; i < 60; i++) {
      const r = row('imp', i);
      csv.push([r.externalId, r.dealerId, r.respondedAt, r.customerName, r.customerEmail, r.customerPhone, r.wait, r.valet, r.drive].join(','));
    }
    const form = new FormData();
    form.append('file', new Blob([csv.join('\n')], { type: 'text/csv' }), 'responses.csv');
    let report: any;
    const queries = await captureQueries(t.dataSource, async () => {
      const res = await fetch(`${t.baseUrl}/api/surveys/${imported}/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${(provider as any).bearer}` } });
      report = await res.json();
      expect(res.status, JSON.stringify(report)).toBe(200);
    });

    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const r = row('hook', i);
      const res = await provider.post(`/api/surveys/${oneByOne}/responses`, {
        externalId: r.externalId, dealerId: r.dealerId, respondedAt: r.respondedAt,
        customer: { name: r.customerName, email: r.customerEmail, ...(r.customerPhone ? { phone: r.customerPhone } : {}) },
        answers: [{ questionId: 'wait', score: r.wait }, { questionId: 'valet', score: r.valet }, { questionId: 'drive', score: r.drive }],
      });
      statuses.push(res.status);
    }

    // The import: the refused rows reported by line (the header is line 1), the repeat as one.
    const refused = statuses.flatMap((s, i) => (s >= 400 ? [i] : []));
    expect(refused).toEqual([7, 22]);
    expect(report).toMatchObject({ rows: 60, imported: 57, duplicates: 1, moreErrors: 0 });
    expect(report.errors.map((e: any) => e.row)).toEqual([9, 24]);
    expect(report.errors[0].message).toMatch(/department must be one of/);
    // Its tickets went in together: one INSERT of tickets a transaction (20 tickets each at most), no savepoint per row.
    expect(queries.filter((q) => /^\s*INSERT INTO "?tickets"?\s/i.test(q.sql))).toHaveLength(2);
    expect(queries.filter((q) => /^\s*SAVEPOINT\b/i.test(q.sql)).length).toBeLessThanOrEqual(2);

    // The same tickets, events, mails and customers as the webhook's, row by row.
    const story = async (surveyId: string, run: string) => {
      const tickets = await rows(
        `SELECT r."externalId", t.ref, t.department, t.category, t.severity, t.channel, t.stage, t.status, t."slaState", t."nextDueAt", t."receivedAt", t.account, c.name, c.email, c.phone,
                (SELECT COUNT(*) FROM notifications n WHERE n."ticketId" = t.id AND n.template = 'i18n:receipt') AS mails
         FROM survey_responses r JOIN tickets t ON t.id = r."ticketId" AND t."sourceSurveyResponseId" = r.id JOIN customers c ON c.id = t."customerId"
         WHERE r."surveyId" = ? ORDER BY t.ref`,
        [surveyId],
      );
      const out = [];
      for (const x of tickets) {
        const events = await rows('SELECT e.type, e.data FROM timeline_events e JOIN tickets t ON t.id = e."ticketId" WHERE t.ref = ? ORDER BY e.id', [x.ref]);
        const same = (v: unknown) => String(v ?? '').replaceAll(run, 'RUN').replaceAll(surveyId, 'SURVEY');
        out.push({
          externalId: same(x.externalId), department: x.department, category: x.category, severity: x.severity, channel: x.channel, stage: x.stage, status: x.status,
          slaState: x.slaState, due: time(x.nextDueAt), received: time(x.receivedAt), account: x.account, customer: [x.name, same(x.email), x.phone], mails: Number(x.mails),
          events: events.map((e) => [e.type, e.type === 'customer-changed' ? JSON.parse(String(e.data)).changes : null]),
        });
      }
      const customers = await rows(`SELECT name, email, phone FROM customers WHERE email LIKE ? ORDER BY email`, [`${run}-c%`]);
      return { tickets: out, customers: customers.map((c) => [c.name, String(c.email).replace(run, 'RUN'), c.phone]) };
    };
    const [fromImport, fromWebhook] = [await story(imported, 'imp'), await story(oneByOne, 'hook')];
    expect(fromImport.tickets).toHaveLength(25);
    expect(report.ticketsOpened).toBe(25);
    // The refs of each run follow the file's order.
    expect(fromImport.tickets.map((x) => x.externalId)).toEqual(fromWebhook.tickets.map((x) => x.externalId));
    expect(fromImport.tickets).toEqual(fromWebhook.tickets);
    expect(fromImport.tickets.filter((x) => x.events.some(([type]) => type === 'customer-changed'))).toHaveLength(5);
    expect(fromImport.customers).toEqual(fromWebhook.customers);
  });
});
