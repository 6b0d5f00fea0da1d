import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salesDeskWait } from '../../src/database/seeds/demo-data.js';
import { TimelineEvent } from '../../src/modules/tickets/timeline-event.entity.js';
import { Client } from '../support/http-client.js';
import { demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The canonical case, from the counter to closed with the customer retained, through the API. */
describe('the Dutch sales-desk case, walked to the end', () => {
  let t: TestApp;
  let reception: Client;
  let secondReception: Client;
  let salesManager: Client;
  let dealers: Record<string, DemoDealer>;
  let ref: string;
  let token: string;
  const snapshots: TimelineEvent[][] = [];

  const timelineRows = () => t.dataSource.getRepository(TimelineEvent).find({ where: { ticketId: ticketId }, order: { id: 'ASC' } });
  let ticketId: string;
  const step = async (res: Promise<{ status: number; text: string; body: any }>, status = 200) => {
    const r = await res;
    expect(r.status, r.text).toBe(status);
    snapshots.push(await timelineRows());
    return r.body;
  };

  beforeAll(async () => {
    t = await startTestApp();
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    salesManager = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    dealers = await demoDealers(admin);
    const made = await admin.post('/api/users', { name: 'Lotte Visser', email: 'reception2.nl@demo.test', password: 'another-demo-password', role: 'receptionist', dealerId: dealers.nl.id, department: 'reception' });
    expect(made.status, made.text).toBe(201);
    secondReception = await Client.login(t.baseUrl, 'reception2.nl@demo.test', 'another-demo-password');
  });
  afterAll(() => t?.close());

  it('is logged at the counter with listening, apology and the fuel already given', async () => {
    const res = await reception.post('/api/tickets', salesDeskWait(dealers.nl.id, new Date(Date.now() - 30 * 60_000).toISOString()));
    expect(res.status, res.text).toBe(201);
    ({ ref, id: ticketId } = res.body);
    token = new URL(res.body.trackingUrl).pathname.split('/').pop()!;
    expect(res.body.stage).toBe('fix');
    snapshots.push(await timelineRows());
  });

  it('reaches the sales manager, who agrees the fix', async () => {
    const users = (await salesManager.get('/api/users')).body;
    const me = users.find((u: any) => u.email === 'sales.manager.nl@demo.test');
    await step(reception.post(`/api/tickets/${ref}/assign`, { assigneeId: me.id }));
    const fixed = await step(
      salesManager.post(`/api/tickets/${ref}/stages/fix`, {
        rootCause: 'process', rootCauseNote: 'Nobody covers the desk during the morning meeting',
        action: 'Personal apology from the sales manager and a trade-in appointment at 9:00 sharp on Thursday', owner: 'Pieter Bakker',
      }),
    );
    expect(fixed.stage).toBe('compensate');
  });

  it('a 200 € goodwill discount from reception waits; a second receptionist may not approve; the sales manager does', async () => {
    const proposed = await step(reception.post(`/api/tickets/${ref}/compensations`, { kind: 'goodwill-discount', value: { amount: 200, currency: 'EUR' }, note: 'On the trade-in' }), 201);
    expect(proposed.state).toBe('proposed');

    const eventsBefore = (await timelineRows()).length;
    const refused = await secondReception.post(`/api/tickets/${ref}/compensations/${proposed.id}/approve`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('compensation.approval.forbidden');

    // Completing compensate with the discount pending is refused, and nothing is written.
    const early = await salesManager.post(`/api/tickets/${ref}/stages/compensate`, {});
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('compensation.invalid-state');
    const skipped = await salesManager.post(`/api/tickets/${ref}/stages/closed`, { outcome: 'retained' });
    expect(skipped.status).toBe(422);
    expect(skipped.body.code).toBe('stage.out-of-order');
    expect((await timelineRows()).length).toBe(eventsBefore);
    const stillProposed = (await reception.get(`/api/tickets/${ref}`)).body;
    expect(stillProposed.stage).toBe('compensate');
    expect(stillProposed.compensations.find((c: any) => c.id === proposed.id).state).toBe('proposed');

    const approved = await step(salesManager.post(`/api/tickets/${ref}/compensations/${proposed.id}/approve`));
    expect(approved.state).toBe('approved');
    expect((await step(reception.post(`/api/tickets/${ref}/compensations/${proposed.id}/deliver`))).state).toBe('delivered');
  });

  it('resolves, is rated 2 by the customer and goes back into fix, on the timeline and the tracking page', async () => {
    expect((await step(salesManager.post(`/api/tickets/${ref}/stages/compensate`, {}))).status).toBe('resolved');
    const anon = Client.anonymous(t.baseUrl);
    const rated = await step(anon.post(`/api/track/${token}/rating`, { score: 2, comment: 'The appointment started late again' }));
    expect(rated).toMatchObject({ stage: 'fix', status: 'open', canRate: false });
    expect(rated.timeline.slice(-2).map((e: any) => e.text)).toEqual(['U gaf ons een 2 van de 5', 'Uw melding is heropend']);
    expect(rated.steps.find((s: any) => s.current).stage).toBe('fix');
    const staff = (await salesManager.get(`/api/tickets/${ref}`)).body;
    expect(staff.timeline.slice(-2)).toMatchObject([
      { type: 'rated', actor: { type: 'customer', name: 'Sanne de Vries' }, data: { score: 2, recovered: false } },
      { type: 'reopened', data: { by: 'customer', score: 2 } },
    ]);
  });

  it('is put right the second time and closed with the customer retained', async () => {
    await step(salesManager.post(`/api/tickets/${ref}/stages/fix`, { rootCause: 'process', action: 'The sales manager meets her himself, at the door, at 9:00', owner: 'Pieter Bakker' }));
    await step(salesManager.post(`/api/tickets/${ref}/stages/compensate`, {}));
    await step(Client.anonymous(t.baseUrl).post(`/api/track/${token}/rating`, { score: 5, comment: 'Thank you, I am staying' }));
    const closed = await step(salesManager.post(`/api/tickets/${ref}/stages/closed`, { outcome: 'retained' }));
    expect(closed).toMatchObject({ stage: 'closed', status: 'closed', outcome: 'retained' });
    expect(closed.timeline.map((e: any) => e.type)).toEqual([
      'created', 'stage-completed', 'stage-completed', 'compensation-delivered',
      'assigned', 'stage-completed',
      'compensation-proposed', 'compensation-approved', 'compensation-delivered',
      'stage-completed', 'rated', 'reopened',
      'stage-completed', 'stage-completed', 'rated', 'closed',
    ]);
    const names = closed.timeline.map((e: any) => e.actor.name);
    expect(names[0]).toBe('Anouk Jansen');
    expect(names.at(-1)).toBe('Pieter Bakker');
    expect(names).toContain('Sanne de Vries');
  });

  it('never updated or deleted a timeline row along the way', async () => {
    const final = await timelineRows();
    const times = final.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    for (let i = 1; i < final.length; i++) expect(final[i].id).toBeGreaterThan(final[i - 1].id);
    // Every row seen at any step is still there, unchanged, and in the same position.
    for (const snapshot of snapshots) {
      expect(final.slice(0, snapshot.length)).toEqual(snapshot);
    }
    expect(snapshots.at(-1)).toEqual(final);
  });
});
