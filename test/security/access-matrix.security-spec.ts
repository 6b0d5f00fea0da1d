import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Row } from './support/route-table.js';
import { recordFigures } from './support/figures.js';
import { buildWorld, CALLERS, EMAIL, LOCAL, registeredRoutes, SESSION_CALLERS, TARGETS, type Caller, type Target, type World } from './support/world.js';

/**
 * Who may do what, generated from one table (support/route-table.ts): every route × every
 * caller × a ticket of the caller's own dealer and of another. A 2xx answer must also not
 * hold a ticket the caller may not see (each fixture ticket's customer name is a marker).
 */
describe('the access matrix', () => {
  let w: World;
  let cells = 0;

  beforeAll(async () => {
    w = await buildWorld();
  });
  afterAll(async () => {
    recordFigures('access-matrix', { routes: ROUTES.length, callers: CALLERS.length, targets: TARGETS.length, cells });
    await w?.close();
  });

  it('lists every route the app registers, and nothing it does not', () => {
    expect(ROUTES.map((r) => r.route).sort()).toEqual(registeredRoutes(w.app).sort());
  });

  /** One cell: the status, and for a 2xx, which tickets the body may name. */
  async function cell(row: Row, caller: Caller, target: Target): Promise<string | null> {
    const c = await row.setup(w, target, caller);
    let path = c.path;
    // The customer holds a link to another ticket only: the one it has is all it can present.
    if (row.tracking && caller === 'customerOther' && c.ticket) path = path.replace(c.ticket.token, w.customerTicket.token);
    const session = c.session ?? (row.freshSession && SESSION_CALLERS.includes(caller) ? await w.login(EMAIL[caller]) : undefined);
    const method = row.route.split(' ')[0];
    const res = await w.send(caller, method, path, c.body, { page: row.page, raw: c.raw?.(), session, headers: c.headers });
    cells++;
    const wanted = row.expect(caller, target);
    if (res.status !== wanted) return `${caller}/${target}: ${res.status} (want ${wanted}) ${res.text.slice(0, 160)}`;
    if (res.status < 300) {
      // A Dutch caller never sees a Norwegian ticket; a customer never sees another customer's.
      const forbidden = LOCAL.includes(caller) && !row.tracking ? [/Leak-no-\d+/] : [];
      if (caller === 'customerOther' && c.ticket) forbidden.push(new RegExp(`${c.ticket.marker}\\b`), new RegExp(c.ticket.ref));
      if (caller === 'anonymous' && !row.tracking) forbidden.push(/Leak-/);
      for (const re of forbidden) if (re.test(res.text)) return `${caller}/${target}: leaked ${re} in ${res.text.slice(0, 160)}`;
    }
    return null;
  }

  for (const row of ROUTES) {
    it(`${row.route}${row.page ? ' (page)' : ''}`, async () => {
      const wrong: string[] = [];
      for (const target of row.noTarget ? TARGETS.slice(0, 1) : TARGETS) for (const caller of CALLERS) {
        const problem = await cell(row, caller, target);
        if (problem) wrong.push(problem);
      }
      expect(wrong).toEqual([]);
    });
  }

  describe('nested references', () => {
    it('refuses to assign a Dutch ticket to a Norwegian user, without naming them', async () => {
      const k = await w.ticket('own');
      const res = await w.send('manager', 'POST', `/api/tickets/${k.ref}/assign`, { assigneeId: w.userId('sales.manager.no@demo.test') });
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/assigneeId/);
      expect(res.text).not.toMatch(/Fjord|sales\.manager\.no/);
      expect((await w.admin.get(`/api/tickets/${k.ref}`)).body.assigneeId).toBeNull();
    });

    it("refuses to approve another ticket's compensation through a ticket the caller may see", async () => {
      const mine = await w.ticket('own');
      for (const target of TARGETS) {
        const theirs = await w.ticket(target);
        const reception = await w.session(`reception.${w.dealerOf(target).country}@demo.test`);
        const offered = JSON.parse((await w.send('reception', 'POST', `/api/tickets/${theirs.ref}/compensations`, { kind: 'gift', value: { amount: 100, currency: w.dealerOf(target).currency } }, { session: reception })).text);
        for (const action of ['approve', 'reject', 'deliver']) {
          const res = await w.send('manager', 'POST', `/api/tickets/${mine.ref}/compensations/${offered.id}/${action}`, {});
          expect(res.status, `${action} ${target}`).toBe(404);
          const page = await w.send('manager', 'POST', `/tickets/${mine.ref}/compensations/${offered.id}/${action}`, {}, { page: true });
          expect(page.status, `page ${action} ${target}`).toBe(404);
        }
        const after = await w.admin.get(`/api/tickets/${theirs.ref}`);
        expect(after.body.compensations[0].state).toBe('proposed');
      }
    });

    it("refuses to acknowledge another ticket's escalation through one's own", async () => {
      const mine = await w.ticket('own');
      const theirs = await w.ticket('own');
      await w.admin.post(`/api/tickets/${theirs.ref}/escalate`, { reason: 'x' });
      const [row] = await w.t.dataSource.query(`SELECT id FROM escalations WHERE "ticketId" = '${theirs.id}'`);
      expect((await w.send('manager', 'POST', `/api/tickets/${mine.ref}/escalations/${row.id}/ack`)).status).toBe(404);
    });

    it("takes a survey-provider key's response for its user's dealer and refuses one naming a dealer outside the scope", async () => {
      // The Dutch sales manager's key with the survey-provider scope: the scope lets it deliver, the dealer scope still holds.
      const key = (await w.admin.post('/api/admin/api-keys', { userId: w.userId('sales.manager.nl@demo.test'), name: 'provider', scopes: ['survey-provider'] })).body.key;
      const body = (externalId: string, dealerId: string) => ({ externalId, dealerId, respondedAt: '2026-11-20T10:00:00+01:00', customer: { name: 'R', email: 'r@example.com' }, answers: [{ questionId: 'q', score: 1 }] });
      const send = (b: unknown) => w.send('anonymous', 'POST', `/api/surveys/${w.matrixSurveyId}/responses`, b, { headers: { authorization: `Bearer ${key}` } });
      const res = await send(body('nested-1', w.dealers.no.id));
      expect(res.status).toBe(403);
      expect(res.text).toMatch(/dealerId/);
      expect(await w.t.dataSource.query(`SELECT id FROM survey_responses WHERE "externalId" = 'nested-1'`)).toEqual([]);
      expect((await send(body('nested-2', w.dealers.nl.id))).status).toBe(201);
    });

    it('assigns none when one ticket of a bulk assignment is out of scope', async () => {
      const mine = await w.ticket('own');
      const theirs = await w.ticket('other');
      const res = await w.send('manager', 'POST', '/api/tickets/assign', { refs: [mine.ref, theirs.ref], assigneeId: w.userId('sales.manager.nl@demo.test') });
      expect(res.status).toBe(404);
      expect((await w.admin.get(`/api/tickets/${mine.ref}`)).body.assigneeId).toBeNull();
    });
  });
});
