import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { PageSession } from '../support/page-session.js';
import { demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const QUESTIONS = [
  { id: 'reception-wait', text: 'Waiting time at reception', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'waiting-time' },
  { id: 'workmanship', text: 'The work was done right first time', area: 'workshop-service', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'service', category: 'workmanship' },
  { id: 'driving', text: 'How the car drives', area: 'product-driving', weight: 40, scaleMax: 10, negativeAtOrBelow: 3, department: 'sales', category: 'product' },
  { id: 'recommend', text: 'Would you recommend us', area: 'loyalty', weight: 20, scaleMax: 10, negativeAtOrBelow: 4, department: 'sales', category: 'loyalty' },
];

describe('survey intake', () => {
  let t: TestApp;
  let integration: Client;
  let quality: Client;
  let dealers: Record<string, DemoDealer>;
  let surveyId: string;
  let firstRef: string;

  const response = (externalId: string, scores: Record<string, number>, extra: Record<string, unknown> = {}) => ({
    externalId,
    dealerId: dealers.nl.id,
    respondedAt: '2026-11-20T10:00:00+01:00',
    customer: { name: `Respondent ${externalId}`, email: `${externalId}@example.nl`, language: 'nl' },
    answers: Object.entries(scores).map(([questionId, score]) => ({ questionId, score, ...(questionId === 'reception-wait' && score <= 4 ? { comment: 'Nobody at the desk for 20 minutes' } : {}) })),
    ...extra,
  });
  const count = async (sql: string) => Number((await t.dataSource.query(sql))[0].n);

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(admin);
    const survey = await admin.post('/api/surveys', { name: 'After-sales 2026', kind: 'after-sales', questions: QUESTIONS });
    expect(survey.status, survey.text).toBe(201);
    surveyId = survey.body.id;
    const users = (await admin.get('/api/users')).body;
    const key = await admin.post('/api/admin/api-keys', { userId: users.find((u: any) => u.email === 'quality@demo.test').id, name: 'survey provider' });
    integration = Client.withKey(t.baseUrl, key.body.key);
  });
  afterAll(() => t?.close());

  it('opens one service ticket for a 2/10 on waiting time at reception, with the answer on it', async () => {
    const res = await integration.post(`/api/surveys/${surveyId}/responses`, response('as-1', { 'reception-wait': 2, workmanship: 8, driving: 9, recommend: 7 }));
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ negative: true, ticketRef: expect.stringMatching(/^AM-\d{4}-\d{6}$/) });
    firstRef = res.body.ticketRef;
    const ticket = (await quality.get(`/api/tickets/${res.body.ticketRef}`)).body;
    expect(ticket).toMatchObject({ department: 'service', category: 'waiting-time', channel: 'survey', severity: 'high', receivedAt: '2026-11-20T09:00:00.000Z' });
    expect(ticket.account).toContain('Waiting time at reception: 2/10 — "Nobody at the desk for 20 minutes"');
    expect(ticket.account).not.toContain('How the car drives');
    expect(ticket.timeline[0].data).toMatchObject({ surveyId, negativeAnswers: [{ questionId: 'reception-wait', score: 2, scaleMax: 10 }] });
    expect(ticket.sla.timers[0].dueAt).toBeDefined();
  });

  it('accepts the same response five more times, two at once, as one response and one ticket', async () => {
    const body = response('as-1', { 'reception-wait': 2, workmanship: 8, driving: 9, recommend: 7 });
    const first = await integration.post(`/api/surveys/${surveyId}/responses`, body);
    const concurrent = await Promise.all([integration.post(`/api/surveys/${surveyId}/responses`, body), integration.post(`/api/surveys/${surveyId}/responses`, body)]);
    const rest = [await integration.post(`/api/surveys/${surveyId}/responses`, body), await integration.post(`/api/surveys/${surveyId}/responses`, body)];
    for (const r of [first, ...concurrent, ...rest]) {
      expect(r.status).toBe(200);
      expect(r.body.ticketRef).toBe(first.body.ticketRef);
    }
    expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" = 'as-1'`)).toBe(1);
    expect(await count(`SELECT COUNT(*) AS n FROM tickets WHERE "sourceSurveyResponseId" IN (SELECT id FROM survey_responses WHERE "externalId" = 'as-1')`)).toBe(1);
  });

  it('opens one ticket when two new twins arrive at the same moment', async () => {
    const body = response('as-twin', { 'reception-wait': 1 });
    const [a, b] = await Promise.all([integration.post(`/api/surveys/${surveyId}/responses`, body), integration.post(`/api/surveys/${surveyId}/responses`, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.ticketRef).toBe(b.body.ticketRef);
    expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" = 'as-twin'`)).toBe(1);
  });

  it('refuses the same externalId with other answers (422), unknown questions and scores off the scale (400)', async () => {
    const changed = await integration.post(`/api/surveys/${surveyId}/responses`, response('as-1', { 'reception-wait': 9 }));
    expect(changed.status).toBe(422);
    const unknown = await integration.post(`/api/surveys/${surveyId}/responses`, response('as-bad', { colour: 3 }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toEqual(['answers[0].questionId colour is not a question of this survey']);
    const offScale = await integration.post(`/api/surveys/${surveyId}/responses`, response('as-bad', { driving: 11 }));
    expect(offScale.body.message).toEqual(['answers[0].score must be a whole number from 0 to 10']);
    const missing = await integration.post(`/api/surveys/${surveyId}/responses`, { externalId: 'x', answers: [] });
    expect(missing.status).toBe(400);
    expect(missing.body.message).toEqual(expect.arrayContaining(['dealerId is required', 'respondedAt is required', 'customer is required']));
    expect((await integration.post('/api/surveys/00000000-0000-4000-8000-000000000000/responses', response('x', { driving: 5 }))).status).toBe(404);
    expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" = 'as-bad'`)).toBe(0);
  });

  it('keeps a positive response without a ticket, and matches a known customer by e-mail', async () => {
    const res = await integration.post(`/api/surveys/${surveyId}/responses`, response('as-good', { 'reception-wait': 9, driving: 10 }));
    expect(res.body).toMatchObject({ negative: false, ticketRef: null });
    const again = await integration.post(`/api/surveys/${surveyId}/responses`, response('as-1b', { workmanship: 3 }, { customer: { name: 'Same Person', email: 'as-1@example.nl' } }));
    const [first, second] = await Promise.all([quality.get(`/api/tickets/${firstRef}`), quality.get(`/api/tickets/${again.body.ticketRef}`)]);
    expect(second.body.customer.id).toBe(first.body.customer.id);
  });

  it('imports a 1,000-row CSV: 10 malformed rows and 20 duplicates reported by line, the rest imported, negatives ticketed', async () => {
    const header = ['externalId', 'dealerId', 'respondedAt', 'customerName', 'customerEmail', 'score:reception-wait', 'comment:reception-wait', 'score:driving', 'score:recommend'];
    const lines: string[] = [header.join(',')];
    const malformed = new Map<number, RegExp>();
    let negatives = 0;
    for (let i = 0; i < 1000; i++) {
      const line = i + 2; // the header is line 1
      const negative = i % 7 === 0;
      const base = [`csv-${i}`, dealers.nl.id, '2026-11-19T12:00:00+01:00', `CSV Customer ${i}`, `csv${i}@example.nl`, negative ? '3' : '8', negative ? '"Too long, again"' : '', '9', '8'];
      if (i >= 100 && i < 120) {
        // A duplicate of an earlier row: the same external id, the same answers.
        const j = i - 100;
        const neg = j % 7 === 0;
        lines.push([`csv-${j}`, dealers.nl.id, '2026-11-19T12:00:00+01:00', `CSV Customer ${j}`, `csv${j}@example.nl`, neg ? '3' : '8', neg ? '"Too long, again"' : '', '9', '8'].join(','));
        continue;
      }
      if (i % 100 === 50) {
        // Ten malformed rows, of several kinds.
        const kind = (i / 100) | 0;
        if (kind % 3 === 0) { base[5] = 'eleven'; malformed.set(line, /score must be a whole number/); }
        else if (kind % 3 === 1) { base[1] = 'not-a-dealer'; malformed.set(line, /dealerId must be a dealer id/); }
        else { base.push('extra'); malformed.set(line, /column|record/i); }
        lines.push(base.join(','));
        continue;
      }
      if (negative) negatives++;
      lines.push(base.join(','));
    }
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'responses.csv');
    const res = await fetch(`${t.baseUrl}/api/surveys/${surveyId}/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${(integration as any).bearer}` } });
    const report: any = await res.json();
    expect(res.status, JSON.stringify(report).slice(0, 500)).toBe(200);
    expect(report).toMatchObject({ rows: 1000, imported: 970, duplicates: 20, ticketsOpened: negatives, moreErrors: 0 });
    expect(report.errors.map((e: any) => e.row)).toEqual([...malformed.keys()]);
    for (const e of report.errors) expect(e.message).toMatch(malformed.get(e.row)!);
    expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" LIKE 'csv-%'`)).toBe(970);
    expect(await count(`SELECT COUNT(*) AS n FROM survey_responses WHERE "externalId" LIKE 'csv-%' AND "ticketId" IS NOT NULL`)).toBe(negatives);
  });

  it('refuses a file of the wrong shape with one clear error, and a request without a file', async () => {
    const form = new FormData();
    form.append('file', new Blob(['name,score\nAnna,3\n'], { type: 'text/csv' }), 'wrong.csv');
    const res = await fetch(`${t.baseUrl}/api/surveys/${surveyId}/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${(integration as any).bearer}` } });
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.message).toEqual(expect.arrayContaining(['column externalId is missing', 'no score:<questionId> column']));
    const none = await integration.post(`/api/surveys/${surveyId}/import`, { file: 'x' });
    expect(none.status).toBe(400);
  });

  it('imports from the upload page and shows the report; ranks dealers on the satisfaction page', async () => {
    const page = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    const form = await page.get(`/surveys/${surveyId}/import`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('enctype="multipart/form-data"');
    expect(form.html).toContain('/static/examples/survey-import-example.csv');
    const csrf = /_csrf=([^"&]+)"/.exec(form.html)![1];
    const csv = `externalId,dealerId,respondedAt,customerName,customerEmail,score:driving\npage-1,${dealers.nl.id},2026-11-18T09:00:00+01:00,Page One,p1@example.nl,2\npage-2,${dealers.nl.id},2026-11-18T09:00:00+01:00,Page Two,p2@example.nl,eleven\n`;
    const upload = async (token: string) => {
      const body = new FormData();
      body.append('file', new Blob([csv], { type: 'text/csv' }), 'page.csv');
      return fetch(`${t.baseUrl}/surveys/${surveyId}/import?_csrf=${token}`, { method: 'POST', body, redirect: 'manual', headers: { cookie: (page as any).cookie, accept: 'text/html' } });
    };
    expect((await upload('forged')).status).toBe(403);
    const started = await upload(csrf);
    expect(started.status).toBe(303);
    const jobPath = started.headers.get('location')!;
    expect(jobPath).toMatch(new RegExp(`^/surveys/${surveyId}/import/jobs/[0-9a-f-]{36}$`));
    // The job page shows progress and refreshes itself until the import is done.
    let html = '';
    for (let i = 0; i < 50; i++) {
      html = (await page.get(jobPath)).html;
      if (html.includes('Import finished')) break;
      expect(html).toContain('http-equiv="refresh"');
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(html).toContain('Import finished');
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain('<progress max="100" value="100">');
    const other = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
    expect((await other.get(jobPath)).status).toBe(200);
    const stranger = await PageSession.signIn(t.baseUrl, 'quality@demo.test');
    expect((await stranger.get(jobPath.replace(/[0-9a-f-]{36}$/, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    expect(html).toMatch(/<dt>Imported<\/dt><dd>1<\/dd>/);
    expect(html).toMatch(/<dt>Tickets opened<\/dt><dd>1<\/dd>/);
    expect(html).toContain('<td>3</td><td>answers[0].score must be a whole number</td>');
    const example = await fetch(`${t.baseUrl}/static/examples/survey-import-example.csv`);
    expect((await example.text()).split('\n')[0]).toContain('score:reception-wait');

    const league = await page.get('/reports/satisfaction');
    expect(league.status).toBe(200);
    for (const d of Object.values(dealers)) expect(league.html).toContain(d.name);
    const receptionPage = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
    expect((await receptionPage.get(`/surveys/${surveyId}/import`)).status).toBe(403);
  });

  it('reports the satisfaction index per dealer and area, best first', async () => {
    const res = await quality.get('/api/reports/satisfaction-index?from=2026-11-01&to=2026-12-01');
    expect(res.status, res.text).toBe(200);
    const nl = res.body.dealers.find((d: any) => d.dealerId === dealers.nl.id);
    expect(nl.overall.responses).toBeGreaterThan(970);
    expect(Object.keys(nl.areas)).toEqual(expect.arrayContaining(['loyalty', 'product-driving', 'workshop-service']));
    expect(nl.overall.score).toBeGreaterThan(50);
    expect(nl.overall.score).toBeLessThanOrEqual(100);
    const scores = res.body.dealers.map((d: any) => d.overall.score ?? -1);
    expect([...scores].sort((a: number, b: number) => b - a)).toEqual(scores);
    const empty = await quality.get('/api/reports/satisfaction-index?from=2020-01-01&to=2020-02-01');
    expect(empty.body.dealers.every((d: any) => d.overall.score === null && d.overall.responses === 0)).toBe(true);
    const reception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    expect((await reception.get(`/api/reports/satisfaction-index?dealerId=${dealers.nl.id}`)).status).toBe(404);
    expect((await quality.get('/api/reports/satisfaction-index?from=yesterday')).status).toBe(400);
  });
});
