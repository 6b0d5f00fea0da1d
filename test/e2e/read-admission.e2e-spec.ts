import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReadAdmission } from '../../src/common/http/read-admission.js';
import type { ReadGate } from '../../src/common/http/read-gate.js';
import { Client } from '../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Issue 15 §3: a write never queues behind reads. Reads pass a gate of READS_IN_FLIGHT slots
 * per process; here the test holds every slot itself (as reads in progress would), so what
 * waits and what passes shows in the order things answer, not in timings.
 */
describe('read admission: writes pass while reads wait their turn', () => {
  let t: TestApp;
  let reception: Client;
  let dealers: Record<string, DemoDealer>;
  let gate: ReadGate;

  beforeAll(async () => {
    t = await startTestApp({ READS_IN_FLIGHT: '2', READ_QUEUE_LIMIT: '1' });
    reception = await Client.login(t.baseUrl, 'reception.nl@demo.test');
    dealers = await demoDealers(reception);
    gate = t.app.get(ReadAdmission).gate;
  });
  afterAll(() => t?.close());

  /** Takes a slot as a read in progress would; its release. */
  const holdSlot = () => {
    let release!: () => void;
    gate.enter((r) => (release = r), () => expect.fail('a free slot was refused'));
    return release;
  };
  /** Waits (no deadline of its own) until the gate shows `n` reads waiting. */
  const waitingReads = async (n: number) => {
    while (gate.waiting !== n) await new Promise((r) => setTimeout(r, 5));
  };

  it('serves an intake, the probes and static files while every read slot is held; the read waits, one too many answers 503 with Retry-After', async () => {
    const held = [holdSlot(), holdSlot()];
    expect(gate.inFlight).toBe(2);
    const order: string[] = [];
    const read = reception.get('/api/tickets?limit=5').then((r) => (order.push('read'), r));
    await waitingReads(1);

    const intake = await reception.post('/api/tickets', complaint(dealers.nl.id));
    expect(intake.status, intake.text).toBe(201);
    order.push('intake');
    expect((await fetch(`${t.baseUrl}/health/live`)).status).toBe(200);
    order.push('health');
    expect((await fetch(`${t.baseUrl}/static/app.css`)).status).toBe(200);
    order.push('static');

    // The queue holds one (READ_QUEUE_LIMIT=1): the next read is turned away at once, not queued without end.
    const refused = await reception.get('/api/tickets?limit=5');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'reads.unavailable' });
    order.push('refused');
    expect(order).toEqual(['intake', 'health', 'static', 'refused']);

    // A slot frees: the waiting read runs.
    held[0]();
    const answered = await read;
    expect(answered.status).toBe(200);
    expect(order).toEqual(['intake', 'health', 'static', 'refused', 'read']);
    held[1]();
    expect([gate.inFlight, gate.waiting]).toEqual([0, 0]);
  });

  it('a page read refused at the gate is the error page for a browser, with Retry-After', async () => {
    const held = [holdSlot(), holdSlot()];
    const waiting = reception.get('/tickets', { accept: 'text/html' });
    await waitingReads(1);
    const res = await fetch(`${t.baseUrl}/tickets`, { headers: { accept: 'text/html', cookie: reception.sessionCookie! } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    held.forEach((release) => release());
    expect((await waiting).status).toBe(200);
  });
});
