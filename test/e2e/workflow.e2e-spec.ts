import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the recovery workflow on the API', () => {
  let t: TestApp;
  let reception: Client;
  let manager: Client;
  let quality: Client;
  let otherReception: Client;
  let dealers: Record<string, DemoDealer>;
  let users: any[];

  const log = async (overrides: Record<string, unknown> = {}) => {
    const res = await reception.post('/api/tickets', complaint(dealers.nl.id, overrides));
    expect(res.status, res.text).toBe(201);
    return { ref: res.body.ref as string, token: new URL(res.body.trackingUrl).pathname.split('/').pop()! };
  };
  const stage = (c: Client, ref: string, s: string, body: unknown = {}) => c.post(`/api/tickets/${ref}/stages/${s}`, body);
  const timelineTypes = async (ref: string) => (await quality.get(`/api/tickets/${ref}`)).body.timeline.map((e: any) => e.type);
  const countEvents = async (ref: string) => (await quality.get(`/api/tickets/${ref}`)).body.timeline.length;

  beforeAll(async () => {
    t = await startTestApp();
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    manager = await Client.login(t.baseUrl, 'sales.manager.nl@demo.test');
    quality = await Client.login(t.baseUrl, 'quality@demo.test');
    otherReception = await Client.login(t.baseUrl, 'reception.se@demo.test');
    dealers = await demoDealers(quality);
    users = (await quality.get('/api/users')).body;
  });
  afterAll(() => t?.close());

  it('works a ticket through every stage, each step on the timeline with its actor', async () => {
    const { ref, token } = await log();
    expect((await stage(reception, ref, 'listen', { contactedVia: 'phone', note: 'Called back within the hour' })).body.stage).toBe('apologise');
    const apologised = await stage(manager, ref, 'apologise', { by: 'Pieter Bakker', how: 'phone', message: 'We are sorry; this should not have happened.' });
    expect(apologised.status, apologised.text).toBe(200);
    expect(apologised.body.stage).toBe('fix');
    const fixed = await stage(manager, ref, 'fix', { rootCause: 'process', rootCauseNote: 'No cover during the morning meeting', action: 'Appointment on Thursday 9:00 with the sales manager', owner: 'Pieter Bakker' });
    expect(fixed.body.stage).toBe('compensate');

    const comp = await manager.post(`/api/tickets/${ref}/compensations`, { kind: 'free-service', value: { amount: 150, currency: 'EUR' }, note: 'Free winter check' });
    expect(comp.status, comp.text).toBe(201);
    expect(comp.body).toMatchObject({ kind: 'free-service', value: { amount: 150, currency: 'EUR' }, state: 'approved' });
    expect((await stage(manager, ref, 'compensate')).status).toBe(422);
    const delivered = await manager.post(`/api/tickets/${ref}/compensations/${comp.body.id}/deliver`);
    expect(delivered.body.state).toBe('delivered');

    const resolved = await stage(manager, ref, 'compensate', {});
    expect(resolved.body).toMatchObject({ stage: 'follow-up', status: 'resolved' });
    const followed = await stage(quality, ref, 'follow-up', { score: 5, comment: 'Very happy now', via: 'phone' });
    expect(followed.body).toMatchObject({ stage: 'closed', status: 'resolved' });
    const closed = await stage(quality, ref, 'closed', { outcome: 'retained' });
    expect(closed.body).toMatchObject({ stage: 'closed', status: 'closed', outcome: 'retained' });
    expect(closed.body.closedAt).not.toBeNull();

    const ticket = (await quality.get(`/api/tickets/${ref}`)).body;
    expect(ticket.timeline.map((e: any) => [e.type, e.data.stage ?? null, e.actor.name])).toEqual([
      ['created', null, 'Anouk Jansen'],
      ['stage-completed', 'listen', 'Anouk Jansen'],
      ['note', null, 'Anouk Jansen'],
      ['stage-completed', 'apologise', 'Pieter Bakker'],
      ['message-to-customer', null, 'Pieter Bakker'],
      ['stage-completed', 'fix', 'Pieter Bakker'],
      ['compensation-proposed', null, 'Pieter Bakker'],
      ['compensation-approved', null, 'Pieter Bakker'],
      ['compensation-delivered', null, 'Pieter Bakker'],
      ['stage-completed', 'compensate', 'Pieter Bakker'],
      ['follow-up', 'follow-up', 'Quinn Quality'],
      ['closed', null, 'Quinn Quality'],
    ]);
    expect(ticket.timeline.find((e: any) => e.type === 'note').visibility).toBe('internal');
    expect(ticket.timeline.find((e: any) => e.data.stage === 'fix').data).toMatchObject({ rootCause: 'process', owner: 'Pieter Bakker' });

    // The customer sees the apology message and plain progress, not the internal note.
    const view = (await Client.anonymous(t.baseUrl).get(`/api/track/${token}`)).body;
    expect(view.messages.map((m: any) => m.body)).toEqual(['We are sorry; this should not have happened.']);
    expect(JSON.stringify(view)).not.toContain('Called back within the hour');
    expect(view.status).toBe('closed');
    expect(view.steps.every((s: any) => s.done)).toBe(true);
  });

  it('refuses to skip a stage with 422, code and message, and writes nothing', async () => {
    const { ref } = await log();
    const before = await countEvents(ref);
    const skipped = await stage(reception, ref, 'fix', { rootCause: 'process', action: 'x', owner: 'y' });
    expect(skipped.status).toBe(422);
    expect(skipped.body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', code: 'stage.out-of-order', message: 'Stage fix cannot be completed before listen, apologise' });
    expect((await stage(reception, ref, 'closed', { outcome: 'lost' })).status).toBe(422);
    expect(await countEvents(ref)).toBe(before);
    expect((await quality.get(`/api/tickets/${ref}`)).body.stage).toBe('listen');
    const again = await stage(reception, ref, 'listen', { contactedVia: 'phone' });
    expect(again.status).toBe(200);
    const twice = await stage(reception, ref, 'listen', { contactedVia: 'phone' });
    expect(twice.status).toBe(422);
    expect(twice.body.message).toBe('Stage listen is already completed');
  });

  it('validates each stage body, naming the fields', async () => {
    const { ref } = await log();
    const bad = await stage(reception, ref, 'listen', { contactedVia: 'pigeon', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(expect.arrayContaining(['contactedVia must be one of in-person, phone, e-mail, letter', 'extra is not an allowed field']));
    const unknownStage = await stage(reception, ref, 'celebrate');
    expect(unknownStage.status).toBe(404);
    await stage(reception, ref, 'listen', { contactedVia: 'phone' });
    await stage(reception, ref, 'apologise', { by: 'me', how: 'phone' });
    const fix = await stage(reception, ref, 'fix', { rootCause: 'bad-luck' });
    expect(fix.status).toBe(400);
    expect(fix.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^rootCause must be one of/), 'action is required', 'owner is required']));
  });

  it('completes with "no compensation" and a reason; a low follow-up reopens into fix', async () => {
    const { ref } = await log();
    await stage(reception, ref, 'listen', { contactedVia: 'phone' });
    await stage(reception, ref, 'apologise', { by: 'me', how: 'phone' });
    await stage(manager, ref, 'fix', { rootCause: 'communication', action: 'Explain the invoice', owner: 'Pieter' });
    expect((await stage(manager, ref, 'compensate', {})).status).toBe(422);
    const noComp = await stage(manager, ref, 'compensate', { noCompensation: { reason: 'The customer asked only for an explanation' } });
    expect(noComp.body.status).toBe('resolved');
    const low = await stage(manager, ref, 'follow-up', { score: 2, comment: 'Still unclear', via: 'phone' });
    expect(low.body).toMatchObject({ stage: 'fix', status: 'open' });
    expect((await timelineTypes(ref)).slice(-2)).toEqual(['follow-up', 'reopened']);
  });

  it('staff reopen a closed ticket into fix, and may not reopen an open one', async () => {
    const { ref } = await log({ onTheSpot: { listened: true, apology: { by: 'me', how: 'in-person' } } });
    expect((await quality.post(`/api/tickets/${ref}/reopen`, { reason: 'x' })).status).toBe(422);
    await stage(manager, ref, 'fix', { rootCause: 'pricing', action: 'Refund the difference', owner: 'Pieter' });
    await stage(manager, ref, 'compensate', { noCompensation: { reason: 'Refund is the fix' } });
    await stage(manager, ref, 'follow-up', { score: 3, via: 'phone' });
    await stage(manager, ref, 'closed', { outcome: 'unknown' });
    const reopened = await quality.post(`/api/tickets/${ref}/reopen`, { reason: 'Customer called again' });
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.body).toMatchObject({ stage: 'fix', status: 'open', outcome: null, closedAt: null });
    expect(reopened.body.timeline.at(-1)).toMatchObject({ type: 'reopened', data: { reason: 'Customer called again', by: 'staff' } });
  });

  it('keeps compensation to the approval limits: over the limit waits for someone whose limit covers it', async () => {
    const { ref } = await log();
    const big = await reception.post(`/api/tickets/${ref}/compensations`, { kind: 'goodwill-discount', value: { amount: 300, currency: 'EUR' }, note: 'Discount on next service' });
    expect(big.status).toBe(201);
    expect(big.body.state).toBe('proposed');
    // The receptionist (limit 50) can neither approve nor deliver it.
    const selfApprove = await reception.post(`/api/tickets/${ref}/compensations/${big.body.id}/approve`);
    expect(selfApprove.status).toBe(403);
    expect(selfApprove.body.message).toMatch(/limit is 50 EUR/);
    expect((await reception.post(`/api/tickets/${ref}/compensations/${big.body.id}/deliver`)).status).toBe(422);
    // The department manager (limit 500) approves.
    const approved = await manager.post(`/api/tickets/${ref}/compensations/${big.body.id}/approve`);
    expect(approved.body).toMatchObject({ state: 'approved', decidedById: users.find((u) => u.email === 'sales.manager.nl@demo.test').id });
    expect((await manager.post(`/api/tickets/${ref}/compensations/${big.body.id}/approve`)).status).toBe(422);

    const huge = await manager.post(`/api/tickets/${ref}/compensations`, { kind: 'refund', value: { amount: 2000, currency: 'EUR' } });
    expect(huge.body.state).toBe('proposed');
    expect((await manager.post(`/api/tickets/${ref}/compensations/${huge.body.id}/approve`)).status).toBe(403);
    expect((await quality.post(`/api/tickets/${ref}/compensations/${huge.body.id}/approve`)).body.state).toBe('approved');
    const rejected = await quality.post(`/api/tickets/${ref}/compensations/${huge.body.id}/reject`, { reason: 'Too much for a wait' });
    expect(rejected.body.state).toBe('rejected');

    const small = await reception.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 20, currency: 'EUR' } });
    expect(small.body.state).toBe('approved');
    const wrongCurrency = await reception.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 20, currency: 'NOK' } });
    expect(wrongCurrency.status).toBe(400);
    expect((await reception.post(`/api/tickets/${ref}/compensations/00000000-0000-4000-8000-000000000000/deliver`)).status).toBe(404);

    const types = await timelineTypes(ref);
    expect(types).toEqual(expect.arrayContaining(['compensation-proposed', 'compensation-approved', 'compensation-rejected']));
  });

  it('follows per-dealer approval limits set by an admin', async () => {
    const admin = await Client.login(t.baseUrl, 'admin@demo.test');
    const patched = await admin.patch(`/api/dealers/${dealers.nl.id}`, { approvalLimits: { receptionist: 100, 'department-manager': 1000 } });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.approvalLimits).toEqual({ receptionist: 100, 'department-manager': 1000 });
    const { ref } = await log();
    const c = await reception.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 80, currency: 'EUR' } });
    expect(c.body.state).toBe('approved');
    const bad = await admin.patch(`/api/dealers/${dealers.nl.id}`, { approvalLimits: { receptionist: -5 } });
    expect(bad.status).toBe(400);
    await admin.patch(`/api/dealers/${dealers.nl.id}`, { approvalLimits: { receptionist: 50, 'department-manager': 500 } });
  });

  it('waits on the customer and resumes; no stage can be completed while waiting', async () => {
    const { ref } = await log();
    const waiting = await reception.post(`/api/tickets/${ref}/wait`, { reason: 'Customer on holiday' });
    expect(waiting.body.status).toBe('waiting-on-customer');
    expect((await reception.post(`/api/tickets/${ref}/wait`, {})).status).toBe(422);
    expect((await stage(reception, ref, 'listen', { contactedVia: 'phone' })).status).toBe(422);
    const resumed = await reception.post(`/api/tickets/${ref}/resume`);
    expect(resumed.body.status).toBe('open');
    expect((await reception.post(`/api/tickets/${ref}/resume`)).status).toBe(422);
    expect((await timelineTypes(ref)).slice(-2)).toEqual(['waiting', 'resumed']);
  });

  it('escalates by hand with a reason, up to level 3', async () => {
    const { ref } = await log();
    for (const level of [1, 2, 3]) {
      const res = await reception.post(`/api/tickets/${ref}/escalate`, { reason: 'Customer threatens to go to the press' });
      expect(res.body.escalationLevel).toBe(level);
    }
    expect((await reception.post(`/api/tickets/${ref}/escalate`, { reason: 'again' })).status).toBe(422);
    expect((await reception.post(`/api/tickets/${ref}/escalate`, {})).status).toBe(400);
  });

  it('assigns in bulk to a user of the tickets’ dealer, all or none', async () => {
    const a = await log();
    const b = await log();
    const managerId = users.find((u) => u.email === 'sales.manager.nl@demo.test').id;
    const wrongId = users.find((u) => u.email === 'sales.manager.se@demo.test').id;
    const refused = await quality.post('/api/tickets/assign', { refs: [a.ref, b.ref], assigneeId: wrongId });
    expect(refused.status).toBe(400);
    expect((await quality.get(`/api/tickets/${a.ref}`)).body.assigneeId).toBeNull();
    const done = await quality.post('/api/tickets/assign', { refs: [a.ref, b.ref, a.ref], assigneeId: managerId });
    expect(done.status, done.text).toBe(200);
    expect(done.body.assigned.sort()).toEqual([a.ref, b.ref].sort());
    for (const ref of [a.ref, b.ref]) expect((await quality.get(`/api/tickets/${ref}`)).body.assigneeId).toBe(managerId);
    const mine = await manager.get(`/api/tickets?assigneeId=${managerId}&limit=200`);
    expect(mine.body.items.map((i: any) => i.ref)).toEqual(expect.arrayContaining([a.ref, b.ref]));
    // Another dealer's receptionist cannot assign them: as if they did not exist (404), nothing changes.
    const foreign = await otherReception.post('/api/tickets/assign', { refs: [a.ref], assigneeId: managerId });
    expect(foreign.status).toBe(404);
    expect((await quality.post('/api/tickets/assign', { refs: ['AM-2026-999999'], assigneeId: managerId })).status).toBe(404);
    expect((await quality.post('/api/tickets/assign', { refs: [], assigneeId: managerId })).status).toBe(400);
  });

  it('lets the customer write back, rate and reopen from the tracking link', async () => {
    const { ref, token } = await log({ onTheSpot: { listened: true, apology: { by: 'me', how: 'in-person' } } });
    const anon = Client.anonymous(t.baseUrl);
    const wrote = await anon.post(`/api/track/${token}/messages`, { body: 'When will you call me?' });
    expect(wrote.status, wrote.text).toBe(201);
    expect(wrote.body.messages.at(-1)).toMatchObject({ from: 'customer', body: 'When will you call me?' });
    const staffView = (await manager.get(`/api/tickets/${ref}`)).body;
    expect(staffView.timeline.at(-1)).toMatchObject({ type: 'message-from-customer', actor: { type: 'customer', name: 'Test Customer' }, data: { body: 'When will you call me?' } });

    expect((await anon.post(`/api/track/${token}/rating`, { score: 5 })).status).toBe(422);
    await stage(manager, ref, 'fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Pieter' });
    await stage(manager, ref, 'compensate', { noCompensation: { reason: 'None wanted' } });
    expect((await anon.get(`/api/track/${token}`)).body.canRate).toBe(true);
    const rated = await anon.post(`/api/track/${token}/rating`, { score: 1, comment: 'Nobody called' });
    expect(rated.status, rated.text).toBe(200);
    expect(rated.body).toMatchObject({ stage: 'fix', status: 'open', canRate: false });
    const types = await timelineTypes(ref);
    expect(types.slice(-2)).toEqual(['rated', 'reopened']);
    expect((await anon.post(`/api/track/${token}/rating`, { score: 9 })).status).toBe(400);
    expect((await anon.post(`/api/track/${token}/reopen`, { reason: 'x' })).status).toBe(422);
    expect((await anon.post(`/api/track/unknown-token-unknown-token-unknown-token-xx/messages`, { body: 'x' })).status).toBe(404);
  });

  it('limits posts per tracking link', async () => {
    const { token } = await log();
    const anon = Client.anonymous(t.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await anon.post(`/api/track/${token}/messages`, { body: `message ${i}` })).status);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(201));
    expect(statuses.slice(20)).toEqual([429, 429]);
    // Another link is counted on its own.
    const other = await log();
    expect((await anon.post(`/api/track/${other.token}/messages`, { body: 'hello' })).status).toBe(201);
  });

  it("refuses every change from another dealer's receptionist with 404, as for an unknown ticket", async () => {
    const { ref } = await log();
    const attempts = [
      otherReception.post(`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' }),
      otherReception.post(`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 5, currency: 'EUR' } }),
      otherReception.post(`/api/tickets/${ref}/escalate`, { reason: 'x' }),
      otherReception.post(`/api/tickets/${ref}/wait`, {}),
      otherReception.post(`/api/tickets/${ref}/messages`, { body: 'x', visibility: 'customer' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', message: `No ticket ${ref}`, code: 'ticket.not-found' });
    }
    expect(await countEvents(ref)).toBe(1);
  });
});
