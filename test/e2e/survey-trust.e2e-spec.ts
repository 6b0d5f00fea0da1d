import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/common/clock/clock.js';
import { signatureFor, signatureHeader } from '../../src/modules/surveys/webhook-signature.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { PageSession } from '../support/page-session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 14 §2: survey responses can not be forged from inside. Only a survey provider's
 * key, an admin or a quality manager may deliver; a survey may demand signed deliveries;
 * a response can not come from the future; and a rating through a link staff reissued is
 * marked and not counted as the customer's own.
 */
const NOW = new Date('2026-11-30T10:00:00Z');
const SECRET = 'provider-shared-secret-0123456789-abcdef';
const QUESTION = { id: 'q', text: 'How did we do?', area: 'loyalty', weight: 1, scaleMax: 5, negativeAtOrBelow: 1, department: 'sales', category: 'other' };

describe('survey deliveries', () => {
  const clock = new FixedClock(NOW);
  let t: TestApp;
  let admin: Client;
  let quality: Client;
  let dealers: Record<string, DemoDealer>;
  let userId: (email: string) => string;
  let surveyId: string;
  let signedSurveyId: string;
  /** A survey-provider key acting as the Dutch receptionist: the scope, not the role, lets it deliver. */
  let provider: Client;
  let providerKey: string;
  let n = 0;

  /** A negative answer, so a forged response would also open a ticket. */
  const response = (extra: Record<string, unknown> = {}) => ({
    externalId: `trust-${++n}`,
    dealerId: dealers.nl.id,
    respondedAt: '2026-11-29T10:00:00+01:00',
    customer: { name: `Respondent ${n}`, email: `trust${n}@example.nl` },
    answers: [{ questionId: 'q', score: 1 }],
    ...extra,
  });
  const csv = (rows: string[]) => {
    const form = new FormData();
    form.append('file', new Blob([`externalId,dealerId,respondedAt,customerName,customerEmail,score:q\n${rows.join('\n')}\n`], { type: 'text/csv' }), 'r.csv');
    return form;
  };
  const importAs = (bearer: string, id: string, rows: string[]) =>
    fetch(`${t.baseUrl}/api/surveys/${id}/import`, { method: 'POST', body: csv(rows), headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' } });
  const counts = async () => {
    const [row] = await t.dataSource.query(
      'SELECT (SELECT COUNT(*) FROM survey_responses) AS responses, (SELECT COUNT(*) FROM survey_answers) AS answers, (SELECT COUNT(*) FROM tickets) AS tickets, (SELECT COUNT(*) FROM customers) AS customers',
    );
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  };
  const makeKey = async (email: string, scopes?: string[]) => {
    const res = await admin.post('/api/admin/api-keys', { userId: userId(email), name: `key for ${email}`, ...(scopes ? { scopes } : {}) });
    expect(res.status, res.text).toBe(201);
    return res.body.key as string;
  };
  /** Posts the exact bytes given, with a signature header when asked. */
  const postRaw = (id: string, raw: string, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}/api/surveys/${id}/responses`, { method: 'POST', body: raw, headers: { authorization: `Bearer ${providerKey}`, 'content-type': 'application/json', accept: 'application/json', ...headers } });
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    admin = await Client.login(t.baseUrl, 'admin@demo.test');
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    dealers = await demoDealers(admin);
    const users = (await admin.get('/api/users')).body as { id: string; email: string }[];
    userId = (email) => users.find((u) => u.email === email)!.id;
    surveyId = (await admin.post('/api/surveys', { name: 'Trust survey', kind: 'custom', questions: [QUESTION] })).body.id;
    const signed = await admin.post('/api/surveys', { name: 'Signed survey', kind: 'custom', questions: [QUESTION], signingSecret: SECRET });
    expect(signed.status, signed.text).toBe(201);
    signedSurveyId = signed.body.id;
    providerKey = await makeKey('reception.nl@demo.test', ['survey-provider']);
    provider = Client.withKey(t.baseUrl, providerKey);
  });
  afterAll(() => t?.close());

  describe('who may deliver', () => {
    it('refuses a receptionist, a department manager, a principal and a plain key (403), writing nothing', async () => {
      const callers: [string, Client][] = [
        ['receptionist session', await Client.login(t.baseUrl, 'reception.nl@demo.test')],
        ['department manager session', await Client.login(t.baseUrl, 'sales.manager.nl@demo.test')],
        ['principal session', await Client.login(t.baseUrl, 'principal@demo.test')],
        ["the department manager's plain key", Client.withKey(t.baseUrl, await makeKey('sales.manager.nl@demo.test'))],
        ["a receptionist's plain key", Client.withKey(t.baseUrl, await makeKey('reception.nl@demo.test'))],
      ];
      const before = await counts();
      for (const [who, client] of callers) {
        const res = await client.post(`/api/surveys/${surveyId}/responses`, response());
        expect(res.status, who).toBe(403);
        expect(res.body.message, who).toMatch(/survey-provider/);
        const bearer = (client as unknown as { bearer?: string }).bearer;
        if (bearer) expect((await importAs(bearer, surveyId, [`imp-forged-${++n},${dealers.nl.id},2026-11-29T10:00:00Z,Forged,forged@example.nl,1`])).status, `${who} import`).toBe(403);
      }
      const reception = await PageSession.signIn(t.baseUrl, 'reception.nl@demo.test');
      expect((await reception.get(`/surveys/${surveyId}/import`)).status).toBe(403);
      expect(await counts()).toEqual(before);
    });

    it('takes a survey-provider key, a quality manager and an admin key, through the webhook and the import', async () => {
      const adminKey = Client.withKey(t.baseUrl, await makeKey('admin@demo.test'));
      for (const [who, client] of [['survey-provider key', provider], ['quality manager', quality], ['admin key', adminKey]] as const) {
        const res = await client.post(`/api/surveys/${surveyId}/responses`, response());
        expect(res.status, `${who}: ${res.text}`).toBe(201);
        expect(res.body.ticketRef, who).toMatch(/^AM-/);
      }
      const imported = await importAs(providerKey, surveyId, [`imp-provider-1,${dealers.nl.id},2026-11-29T10:00:00Z,Imported,imported@example.nl,4`]);
      expect(imported.status).toBe(200);
      expect(await imported.json()).toMatchObject({ rows: 1, imported: 1, errors: [] });
    });

    it("keeps a survey-provider key within its user's dealer", async () => {
      const before = await counts();
      const res = await provider.post(`/api/surveys/${surveyId}/responses`, response({ dealerId: dealers.no.id }));
      expect(res.status).toBe(403);
      expect(res.body.message).toMatch(/dealerId/);
      expect(await counts()).toEqual(before);
    });

    it('lets the admin give a key the survey-provider scope (API and admin page), shown in the list; refuses unknown scopes', async () => {
      const made = await admin.post('/api/admin/api-keys', { userId: userId('reception.se@demo.test'), name: 'scoped', scopes: ['survey-provider'] });
      expect(made.status).toBe(201);
      expect(made.body.scopes).toEqual(['survey-provider']);
      const plain = await admin.post('/api/admin/api-keys', { userId: userId('reception.se@demo.test'), name: 'plain' });
      expect(plain.body.scopes).toEqual([]);
      const bad = await admin.post('/api/admin/api-keys', { userId: userId('reception.se@demo.test'), name: 'bad', scopes: ['admin'] });
      expect(bad.status).toBe(400);
      expect(bad.body.message.join(' ')).toMatch(/scopes must each be one of survey-provider/);
      expect((await admin.post('/api/admin/api-keys', { userId: userId('reception.se@demo.test'), name: 'bad', scopes: 'survey-provider' })).status).toBe(400);
      const list = (await admin.get('/api/admin/api-keys')).body as { id: string; scopes: string[] }[];
      expect(list.find((k) => k.id === made.body.id)!.scopes).toEqual(['survey-provider']);

      const page = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
      expect((await page.get('/admin')).html).toContain('name="scopes" value="survey-provider"');
      const form = await page.post('/admin/api-keys', { userId: userId('reception.se@demo.test'), name: 'page provider', scopes: 'survey-provider' }, '/admin');
      // Post-redirect-get: the key is shown once by the page the form redirects to.
      expect(form.status).toBe(303);
      const shown = await page.get(form.location!);
      const key = /id="new-key">([^<]+)</.exec(shown.html)![1];
      const res = await Client.withKey(t.baseUrl, key).post(`/api/surveys/${surveyId}/responses`, response({ dealerId: dealers.se.id }));
      expect(res.status, res.text).toBe(201);
    });
  });

  describe('signed deliveries', () => {
    it('never shows the secret, only that signatures are required', async () => {
      for (const res of [await admin.get('/api/surveys'), await quality.get('/api/surveys')]) {
        expect(res.text).not.toContain(SECRET);
        expect(res.body.find((s: { id: string }) => s.id === signedSurveyId).signatureRequired).toBe(true);
        expect(res.body.find((s: { id: string }) => s.id === surveyId).signatureRequired).toBe(false);
      }
      const page = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
      const html = (await page.get('/surveys')).html;
      expect(html).not.toContain(SECRET);
      expect(html).toContain('signed only');
    });

    it('takes a delivery signed over the raw body with the shared secret', async () => {
      // Odd spacing on purpose: the signature covers the bytes as sent, not a re-serialisation.
      const raw = JSON.stringify(response(), null, 3);
      const res = await postRaw(signedSurveyId, raw, { 'x-amends-signature': signatureHeader(SECRET, nowSeconds(), raw) });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(((await res.json()) as any).ticketRef).toMatch(/^AM-/);
    });

    it('refuses an unsigned delivery, a wrong secret, a changed body and a malformed header with 401, writing nothing', async () => {
      const before = await counts();
      const raw = JSON.stringify(response());
      const t0 = nowSeconds();
      const cases: [string, Record<string, string>, string][] = [
        ['unsigned', {}, 'signed deliveries only'],
        ['wrong secret', { 'x-amends-signature': signatureHeader('another-secret-another-secret-0123', t0, raw) }, 'does not match'],
        ['changed body', { 'x-amends-signature': signatureHeader(SECRET, t0, raw.replace('"score":1', '"score":5')) }, 'does not match'],
        ['other timestamp', { 'x-amends-signature': `t=${t0 - 1},v1=${signatureFor(SECRET, t0, raw)}` }, 'does not match'],
        ['malformed', { 'x-amends-signature': 'sha256=abc' }, 'must look like'],
      ];
      for (const [what, headers, message] of cases) {
        const res = await postRaw(signedSurveyId, raw, headers);
        expect(res.status, what).toBe(401);
        expect(((await res.json()) as any).message, what).toContain(message);
      }
      expect(await counts()).toEqual(before);
    });

    it('refuses a signature more than five minutes old or ahead (401, saying so), and takes one within', async () => {
      const before = await counts();
      for (const skew of [-301, 301, -3600]) {
        const raw = JSON.stringify(response());
        const res = await postRaw(signedSurveyId, raw, { 'x-amends-signature': signatureHeader(SECRET, nowSeconds() + skew, raw) });
        expect(res.status, `skew ${skew}`).toBe(401);
        expect(((await res.json()) as any).message).toMatch(new RegExp(`${Math.abs(skew)} s away from our clock; at most 300 s`));
      }
      expect(await counts()).toEqual(before);
      const raw = JSON.stringify(response());
      expect((await postRaw(signedSurveyId, raw, { 'x-amends-signature': signatureHeader(SECRET, nowSeconds() - 299, raw) })).status).toBe(201);
    });

    it("refuses a provider key's CSV import into a signed survey, which a quality manager may still import", async () => {
      const row = `imp-signed-1,${dealers.nl.id},2026-11-29T10:00:00Z,Imported,imported@example.nl,4`;
      const byKey = await importAs(providerKey, signedSurveyId, [row]);
      expect(byKey.status).toBe(403);
      expect(((await byKey.json()) as any).message).toMatch(/signed webhook deliveries only/);
      const qmKey = await makeKey('quality@demo.test');
      const byQuality = await importAs(qmKey, signedSurveyId, [row]);
      expect(byQuality.status).toBe(200);
      expect(await byQuality.json()).toMatchObject({ imported: 1 });
    });

    it('lets only the admin set, change or drop the secret; a bad secret is a 400 naming it', async () => {
      const other = (await admin.post('/api/surveys', { name: 'Later signed', kind: 'custom', questions: [QUESTION] })).body.id as string;
      expect((await quality.patch(`/api/surveys/${other}`, { signingSecret: SECRET })).status).toBe(403);
      const short = await admin.patch(`/api/surveys/${other}`, { signingSecret: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.message).toEqual(['signingSecret must be 32 to 200 characters']);
      expect((await admin.patch(`/api/surveys/${other}`, { name: null })).status).toBe(400);
      const set = await admin.patch(`/api/surveys/${other}`, { signingSecret: SECRET });
      expect(set.status).toBe(200);
      expect(set.text).not.toContain(SECRET);
      expect(set.body.signatureRequired).toBe(true);
      expect((await provider.post(`/api/surveys/${other}/responses`, response())).status).toBe(401);
      const dropped = await admin.patch(`/api/surveys/${other}`, { signingSecret: null });
      expect(dropped.body.signatureRequired).toBe(false);
      expect((await provider.post(`/api/surveys/${other}/responses`, response())).status).toBe(201);
      expect((await admin.patch('/api/surveys/00000000-0000-4000-8000-000000000000', { name: 'x' })).status).toBe(404);
    });
  });

  describe('when a response was given', () => {
    it('refuses a respondedAt more than five minutes ahead of our clock (400 naming it), and takes one within', async () => {
      const before = await counts();
      const ahead = new Date(NOW.getTime() + 5 * 60_000 + 1000).toISOString();
      const res = await provider.post(`/api/surveys/${surveyId}/responses`, response({ respondedAt: ahead }));
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([expect.stringMatching(/^respondedAt must not be in the future/)]);
      expect(await counts()).toEqual(before);
      const within = new Date(NOW.getTime() + 4 * 60_000).toISOString();
      const taken = await provider.post(`/api/surveys/${surveyId}/responses`, response({ respondedAt: within }));
      expect(taken.status, taken.text).toBe(201);
      // The provider's clock was a little ahead: the ticket it opened starts by ours.
      expect((await admin.get(`/api/tickets/${taken.body.ticketRef}`)).body.receivedAt).toBe(NOW.toISOString());
    });

    it('reports an imported row from the future by its line and keeps the others', async () => {
      const res = await importAs(providerKey, surveyId, [`imp-future-1,${dealers.nl.id},2027-01-01T00:00:00Z,Future,future@example.nl,4`, `imp-future-2,${dealers.nl.id},2026-11-29T10:00:00Z,Past,past@example.nl,4`]);
      const report = (await res.json()) as any;
      expect(report).toMatchObject({ rows: 2, imported: 1 });
      expect(report.errors).toEqual([{ row: 2, message: expect.stringMatching(/^respondedAt must not be in the future/) }]);
    });
  });

  describe('a rating through a link staff reissued', () => {
    const resolved = async () => {
      const made = await admin.post('/api/tickets', complaint(dealers.nl.id, { customer: { name: `Rater ${++n}`, email: `rater${n}@example.nl` } }));
      expect(made.status, made.text).toBe(201);
      for (const [stage, body] of [
        ['listen', { contactedVia: 'phone' }],
        ['apologise', { by: 'Staff', how: 'phone' }],
        ['fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Staff' }],
        ['compensate', { noCompensation: { reason: 'Not wanted' } }],
      ] as const) expect((await admin.post(`/api/tickets/${made.body.ref}/stages/${stage}`, body)).status).toBe(200);
      return { ref: made.body.ref as string, token: String(made.body.trackingUrl).split('/').pop()! };
    };
    const recovery = async () => (await quality.get(`/api/reports/dashboard?dealerId=${dealers.nl.id}&to=2026-12-01T00:00:00Z`)).body;
    const rated = async (ref: string) => (await admin.get(`/api/tickets/${ref}`)).body.timeline.find((e: { type: string }) => e.type === 'rated');

    it("is marked on the timeline and not counted as the customer's own in the recovery rate", async () => {
      const own = await resolved();
      const reissued = await resolved();
      const link = await admin.post(`/api/tickets/${reissued.ref}/tracking-link`);
      expect(link.status).toBe(201);
      const staffToken = String(link.body.trackingUrl).split('/').pop()!;
      const before = await recovery();

      expect((await Client.anonymous(t.baseUrl).post(`/api/track/${own.token}/rating`, { score: 5 })).status).toBe(200);
      const afterOwn = await recovery();
      expect(afterOwn.recovery.answered).toBe(before.recovery.answered + 1);
      expect(afterOwn.recovery.recovered).toBe(before.recovery.recovered + 1);
      expect((await rated(own.ref)).data).toMatchObject({ score: 5, viaReissuedLink: false });

      expect((await Client.anonymous(t.baseUrl).post(`/api/track/${staffToken}/rating`, { score: 5 })).status).toBe(200);
      expect((await rated(reissued.ref)).data).toMatchObject({ score: 5, viaReissuedLink: true });
      const afterReissued = await recovery();
      expect(afterReissued.recovery).toEqual(afterOwn.recovery);
      expect(afterReissued.league.find((d: { dealerId: string }) => d.dealerId === dealers.nl.id).recoveryRate).toBe(afterOwn.league.find((d: { dealerId: string }) => d.dealerId === dealers.nl.id).recoveryRate);
      // The ticket closed all the same; staff see why it is not counted.
      expect((await admin.get(`/api/tickets/${reissued.ref}`)).body.status).toBe('resolved');
      const page = await PageSession.signIn(t.baseUrl, 'admin@demo.test');
      expect((await page.get(`/tickets/${reissued.ref}`)).html).toContain('through a link staff reissued');
    });

    it('still reopens the case on a low rating through the reissued link', async () => {
      const tk = await resolved();
      const staffToken = String((await admin.post(`/api/tickets/${tk.ref}/tracking-link`)).body.trackingUrl).split('/').pop()!;
      const before = await recovery();
      expect((await Client.anonymous(t.baseUrl).post(`/api/track/${staffToken}/rating`, { score: 1 })).status).toBe(200);
      const ticket = (await admin.get(`/api/tickets/${tk.ref}`)).body;
      expect(ticket.stage).toBe('fix');
      expect(ticket.timeline.find((e: { type: string }) => e.type === 'rated').data.viaReissuedLink).toBe(true);
      expect((await recovery()).recovery).toEqual(before.recovery);
    });
  });
});
