import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitOfWork } from '../../../src/common/database/unit-of-work.js';
import { recordFigures } from './figures.js';
import { inBatches, keepAliveClient, type RawReply } from './keep-alive.js';
import { buildWorld, registeredRoutes, type World } from './world.js';

/**
 * Generated malformed input against every write endpoint of the API: bodies, query strings,
 * headers and path parameters. No answer may be a 5xx, and a request that is refused must
 * leave the database as it was: the rows changed on the app's writer connection (every
 * transaction runs there), less the rate limits' and sign-in failures' bookkeeping
 * (UnitOfWork.dataChanges), do not move across a batch in which every request was refused. The caller is an admin's API
 * key (resolving a key writes nothing; a session would note its last use).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const IN_FLIGHT = 16;
const PUBLIC = /\/api\/(auth|track)\//;

/** Every write endpoint of the API; checked against the app's own routes. */
export const WRITE_ENDPOINTS = [
  'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/users', 'POST /api/admin/api-keys', 'DELETE /api/admin/api-keys/:id', 'DELETE /api/admin/writer-holds',
  'PATCH /api/users/:id', 'POST /api/users/:id/password', 'POST /api/me/password', 'POST /api/me/sessions/revoke-others',
  'POST /api/dealers', 'PATCH /api/dealers/:id', 'POST /api/tickets', 'POST /api/tickets/assign', 'POST /api/tickets/:ref/stages/:stage',
  'POST /api/tickets/:ref/messages', 'PATCH /api/tickets/:ref/customer', 'POST /api/tickets/:ref/assign', 'POST /api/tickets/:ref/wait', 'POST /api/tickets/:ref/resume',
  'POST /api/tickets/:ref/reopen', 'POST /api/tickets/:ref/compensations', 'POST /api/tickets/:ref/compensations/:id/approve',
  'POST /api/tickets/:ref/compensations/:id/reject', 'POST /api/tickets/:ref/compensations/:id/deliver', 'POST /api/tickets/:ref/tracking-link',
  'POST /api/tickets/:ref/escalate', 'POST /api/tickets/:ref/escalations/:id/ack', 'POST /api/sla/sweep', 'PUT /api/sla/policies/:severity',
  'POST /api/surveys', 'PATCH /api/surveys/:surveyId', 'POST /api/surveys/:surveyId/responses', 'POST /api/surveys/:surveyId/import',
  'POST /api/track/:token/messages', 'POST /api/track/:token/rating', 'POST /api/track/:token/reopen',
  'PUT /api/dealers/:id/contact-cadence', 'POST /api/contacts/:id/complete', 'POST /api/improvements', 'POST /api/improvements/:id/status', 'POST /api/improvements/:id/tickets',
];

interface Fixture {
  ref: string;
  token: string;
  compensationId: string;
  escalationId: string;
  doomedKeyId: string;
  dealerId: string;
  surveyId: string;
  /** A user the admin's key may change (none the suite signs in as). */
  userId: string;
}

/** A valid body per endpoint, which the generator then breaks. */
function validBody(route: string, f: Fixture): Record<string, unknown> {
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/auth/login': { email: 'admin@demo.test', password: 'demo-password' },
    'POST /api/users': { name: 'N', email: 'n@demo.test', password: 'long-enough-password', role: 'receptionist', dealerId: f.dealerId },
    'POST /api/admin/api-keys': { userId: f.dealerId, name: 'k' },
    'PATCH /api/users/:id': { name: 'Fuzz target', role: 'receptionist', dealerId: f.dealerId, department: 'sales', active: true },
    'POST /api/users/:id/password': { password: 'a-one-time-secret' },
    'POST /api/me/password': { currentPassword: 'demo-password', newPassword: 'plum-kettle-harbour' },
    'POST /api/dealers': { name: 'D', country: 'dk', timeZone: 'Europe/Copenhagen', language: 'en', currency: 'DKK', calendar: { weekly: { mon: [['09:00', '17:00']] }, holidays: [] } },
    'PATCH /api/dealers/:id': { name: 'Autohuis Utrecht' },
    'POST /api/tickets': { dealerId: f.dealerId, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', customer: { name: 'C', email: 'c@example.com' }, account: 'A' },
    'POST /api/tickets/assign': { refs: [f.ref], assigneeId: f.dealerId },
    'PUT /api/dealers/:id/contact-cadence': { steps: [{ afterBusinessDays: 2, kind: 'call', department: 'sales', purpose: 'Check in' }] },
    'POST /api/contacts/:id/complete': { outcome: 'reached', note: 'n' },
    'POST /api/improvements': { title: 'T', dealerId: f.dealerId, department: 'sales', rootCause: 'waiting-time', ownerId: f.userId, dueDate: '2026-12-31', ticketRefs: [f.ref] },
    'POST /api/improvements/:id/status': { status: 'in-progress', note: 'n' },
    'POST /api/improvements/:id/tickets': { refs: [f.ref] },
    'POST /api/tickets/:ref/stages/:stage': { contactedVia: 'phone' },
    'POST /api/tickets/:ref/messages': { body: 'b', visibility: 'internal' },
    'PATCH /api/tickets/:ref/customer': { name: 'N', email: 'n@example.com', phone: '+31 6 1234 5678' },
    'POST /api/tickets/:ref/assign': { assigneeId: f.dealerId },
    'POST /api/tickets/:ref/wait': { reason: 'r' },
    'POST /api/tickets/:ref/reopen': { reason: 'r' },
    'POST /api/tickets/:ref/compensations': { kind: 'gift', value: { amount: 5, currency: 'EUR' }, note: 'n' },
    'POST /api/tickets/:ref/compensations/:id/reject': { reason: 'r' },
    'POST /api/tickets/:ref/escalate': { reason: 'r' },
    'PUT /api/sla/policies/:severity': { targets: { listen: 480, apologise: 960, fix: 2400, resolve: 9600 } },
    'POST /api/surveys': { name: 'S', kind: 'custom', questions: [{ id: 'q', text: 'Q', area: 'loyalty', weight: 1, scaleMax: 5, negativeAtOrBelow: 1, department: 'sales', category: 'other' }] },
    'PATCH /api/surveys/:surveyId': { name: 'Security survey' },
    'POST /api/surveys/:surveyId/responses': { externalId: 'e', dealerId: f.dealerId, respondedAt: '2026-11-20T10:00:00+01:00', customer: { name: 'R', email: 'r@example.com' }, answers: [{ questionId: 'q', score: 3 }] },
    'POST /api/track/:token/messages': { body: 'b' },
    'POST /api/track/:token/rating': { score: 5, comment: 'c' },
    'POST /api/track/:token/reopen': { reason: 'r' },
  };
  return bodies[route] ?? {};
}

function fillPath(route: string, f: Fixture): string {
  const path = route.split(' ')[1];
  const id = path.includes('/compensations/') ? f.compensationId : path.includes('/escalations/') ? f.escalationId : path.includes('/api-keys/') ? f.doomedKeyId : path.includes('/users/') ? f.userId : f.dealerId;
  return path.replace(':ref', f.ref).replace(':stage', 'listen').replace(':token', f.token).replace(':surveyId', f.surveyId).replace(':severity', 'low').replace(':id', id);
}

// ---- the generators ----
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom("' OR 1=1 --", '"; DROP TABLE tickets;--', '%_\\', '\u0000', '\ud800', '{{constructor.constructor}}', '<script>alert(1)</script>', '__proto__', 'x'.repeat(6000), '1e309', '-0', 'NaN'),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: text },
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), [], {}, [[]], { __proto__: { admin: true } }, { constructor: { prototype: {} } }),
);
/** A valid body with one field broken, one unknown field added, or one field dropped. */
const mutated = (valid: Record<string, unknown>) => {
  const keys = Object.keys(valid);
  return fc.oneof(
    keys.length ? fc.tuple(fc.constantFrom(...keys), value).map(([k, v]) => ({ ...valid, [k]: v })) : value,
    fc.tuple(text, value).map(([k, v]) => ({ ...valid, [k || 'extra']: v })),
    keys.length ? fc.constantFrom(...keys).map((k) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k))) : fc.constant({}),
  );
};
const ascii = fc.string({ unit: 'grapheme-ascii', maxLength: 60 });
const body = (valid: Record<string, unknown>) =>
  fc.oneof(
    { weight: 4, arbitrary: mutated(valid).map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: value.map((v) => JSON.stringify(v) ?? '') },
    fc.string({ maxLength: 200 }),
    fc.constantFrom('{', '{"a":', '[1,2', '\u0000', '{"__proto__":{"role":"admin"}}', `{"x":"${'y'.repeat(120_000)}"}`, 'null', '""'),
    fc.constant(undefined),
  );
const contentType = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-16', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/xml', undefined);
const query = fc.option(fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(text, fc.constant('')), { maxKeys: 3 }), { nil: undefined });
const headers = fc.record(
  {
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'garbage/;;', ''),
    'x-csrf-token': ascii,
    'x-forwarded-for': fc.constantFrom('1.2.3.4', '::1', 'garbage', ''),
    'accept-language': ascii,
    cookie: ascii.map((s) => `amends_session=${s}`),
  },
  { requiredKeys: [] },
);
const request = (valid: Record<string, unknown>) => fc.record({ body: body(valid), contentType, query, headers, pathFuzz: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: text }) });
type FuzzRequest = typeof request extends (v: Record<string, unknown>) => fc.Arbitrary<infer T> ? T : never;

/** Every byte percent-encoded (encodeURIComponent throws on a lone surrogate). */
const percentEncode = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/** Sign-ins and new users that would pass validation cost an argon2 run each: those are tested elsewhere, so the fuzz keeps them invalid. */
function tooCostly(route: string, raw: string | undefined): boolean {
  if (route !== 'POST /api/auth/login' && route !== 'POST /api/users' && route !== 'POST /api/users/:id/password') return false;
  try {
    const b = JSON.parse(raw ?? '');
    return typeof b?.password === 'string' && b.password.length > 0;
  } catch {
    return false;
  }
}

/** Fuzzes some of the write endpoints on an app of its own (two files, one per core). */
export function fuzzEndpoints(name: string, endpoints: string[]): void {
  describe(`malformed input to the write endpoints (${name})`, () => {
    let w: World;
    let f: Fixture;
    let client: ReturnType<typeof keepAliveClient>;
    let adminKey: string;
    const report: Record<string, { runs: number; statuses: Record<number, number>; fiveHundreds: number; refusedVerified: number; unattributedChanges: number; ms: number }> = {};

    beforeAll(async () => {
      w = await buildWorld({ TRACKING_RATE_LIMIT: '100000' });
      const ticket = await w.ticket('own');
      const comp = await w.admin.post(`/api/tickets/${ticket.ref}/compensations`, { kind: 'gift', value: { amount: 5, currency: 'EUR' } });
      await w.admin.post(`/api/tickets/${ticket.ref}/escalate`, { reason: 'x' });
      const [esc] = await w.t.dataSource.query(`SELECT id FROM escalations WHERE "ticketId" = '${ticket.id}'`);
      const doomed = await w.admin.post('/api/admin/api-keys', { userId: w.userId('quality@demo.test'), name: 'doomed' });
      adminKey = (await w.admin.post('/api/admin/api-keys', { userId: w.userId('admin@demo.test'), name: 'fuzz' })).body.key;
      const target = await w.admin.post('/api/users', { name: 'Fuzz target', email: 'fuzz.target@demo.test', password: 'demo-password', role: 'receptionist', dealerId: w.dealers.nl.id });
      f = { ref: ticket.ref, token: ticket.token, compensationId: comp.body.id, escalationId: esc.id, doomedKeyId: doomed.body.id, dealerId: w.dealers.nl.id, surveyId: w.matrixSurveyId, userId: target.body.id };
      client = keepAliveClient(w.t.baseUrl, IN_FLIGHT);
    });
    afterAll(async () => {
      recordFigures(`fuzz-${name}`, { runsPerEndpoint: RUNS, endpoints: Object.keys(report).length, report });
      client?.close();
      await w?.close();
    });

    const changes = async () => w.t.app.get(UnitOfWork).dataChanges();

    it('covers every write endpoint of the API, in one of the two fuzz files', () => {
      const writes = registeredRoutes(w.app).filter((r) => !r.startsWith('GET ') && r.includes(' /api/'));
      expect(writes.length).toBeGreaterThanOrEqual(30);
      expect([...writes].sort()).toEqual([...WRITE_ENDPOINTS].sort());
    });

    for (const route of endpoints) {
      it(`${route}: ${RUNS} generated requests, no 5xx, refused ones write nothing`, async () => {
        const [method] = route.split(' ');
        const path = fillPath(route, f);
        const samples = fc.sample(request(validBody(route, f)), { numRuns: RUNS, seed: 20261123 + route.length });
        const entry = (report[route] = { runs: 0, statuses: {} as Record<number, number>, fiveHundreds: 0, refusedVerified: 0, unattributedChanges: 0, ms: 0 });
        const started = performance.now();
        const failures: string[] = [];
        const resets: string[] = [];
        const send = (r: FuzzRequest): Promise<RawReply> => {
          let target = path;
          if (r.pathFuzz !== undefined) {
            const parts = target.split('/');
            parts[parts.length - 1 - (parts.length > 4 ? 1 : 0)] = percentEncode(r.pathFuzz);
            target = parts.join('/');
          }
          if (r.query) target += `?${new URLSearchParams(r.query)}`;
          const raw = tooCostly(route, r.body) ? '{"password":1}' : r.body;
          // Sign-in and the customer's link are public: sent as the anonymous internet would.
          const h: Record<string, string> = PUBLIC.test(route) ? { ...r.headers } : { ...r.headers, authorization: `Bearer ${adminKey}` };
          if (r.contentType) h['content-type'] = r.contentType;
          return client.send(method, target, h, raw);
        };
        /**
         * Rows changed across refusals: send the same refusals once more, alone. A refused request
         * that writes writes again; a change that does not come back is counted, not failed on.
         */
        const confirm = async (refused: FuzzRequest[], changed: number) => {
          const start = await changes();
          const again = await Promise.all(refused.map(send));
          const delta = (await changes()) - start;
          if (delta !== 0 && again.every((r) => r.status >= 400) && failures.length < 5) failures.push(`refused requests changed ${changed}, then ${delta} rows: ${JSON.stringify(refused).slice(0, 400)}`);
          else entry.unattributedChanges += changed;
        };
        let before = await changes();
        await inBatches(samples, IN_FLIGHT, send, async (replies, batch) => {
          const after = await changes();
          replies.forEach((res, i) => {
            entry.runs++;
            entry.statuses[res.status] = (entry.statuses[res.status] ?? 0) + 1;
            if (res.status === 0 && resets.length < 3) resets.push(`${res.text} for ${JSON.stringify(batch[i]).slice(0, 200)}`);
            if (res.status >= 500) {
              entry.fiveHundreds++;
              if (failures.length < 5) failures.push(`${res.status} for ${JSON.stringify(batch[i]).slice(0, 300)}: ${res.text.slice(0, 200)}`);
            }
          });
          if (replies.every((r) => r.status >= 400)) {
            entry.refusedVerified += replies.length;
            if (after !== before) await confirm(batch, after - before);
          } else {
            // Refusals mixed with accepted requests: send the refused ones again on their own, so each is checked.
            const refused = batch.filter((_, i) => replies[i].status >= 400);
            const again = await Promise.all(refused.map(send));
            const settled = await changes();
            if (refused.length && again.every((r) => r.status >= 400)) {
              entry.refusedVerified += refused.length;
              if (settled !== after) await confirm(refused, settled - after);
            }
            before = await changes();
            return;
          }
          before = await changes();
        });
        entry.ms = Math.round(performance.now() - started);
        if (resets.length) console.log(`${route} resets:`, resets);
        expect(failures).toEqual([]);
        expect(entry.runs).toBe(RUNS);
        // Enough batches were all refusals for the "nothing written" check to mean something.
        expect(entry.refusedVerified).toBeGreaterThan(0);
      }, 600_000);
    }
  });
}
