import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Row } from '../security/support/route-table.js';
import { buildWorld, EMAIL, type Caller, type World } from '../security/support/world.js';
import { OpenApiContract } from '../support/openapi-contract.js';

/** Callers tried, in order, for the 2xx answer of a route: the first the route table lets through. */
const OK_CALLERS: Caller[] = ['admin', 'quality', 'manager', 'reception', 'apiKey', 'anonymous'];

/**
 * The public contract holds: every API route of the route table, called as the security suite
 * calls it, answers with a status the OpenAPI document lists for it and a body that validates
 * against the documented schema — the success, and the refusals (no sign-in, another dealer's
 * record, a body that fails validation).
 */
describe('API contract: answers match /api/docs-json', () => {
  let w: World;
  let contract: OpenApiContract;
  const problems: string[] = [];
  const seen: string[] = [];

  beforeAll(async () => {
    w = await buildWorld();
    contract = new OpenApiContract((await w.admin.get('/api/docs-json')).body);
  }, 60_000);
  afterAll(() => w?.close());

  const apiRows = ROUTES.filter((r) => !r.page && (r.route.includes(' /api/') || r.route.includes(' /health/')));

  async function call(row: Row, caller: Caller, target: 'own' | 'other', tweak?: (body: unknown) => unknown): Promise<number> {
    const [method] = row.route.split(' ');
    const cell = await row.setup(w, target, caller);
    const body = tweak ? tweak(cell.body) : cell.body;
    // Sign-in and sign-out replace or end the session: they get one of their own.
    const session = cell.session ?? (row.freshSession && EMAIL[caller] ? await w.login(EMAIL[caller]) : undefined);
    const res = await w.send(caller, method, cell.path, body, { raw: tweak ? undefined : cell.raw?.(), session, headers: cell.headers });
    if (res.status < 300) seen.push(`${method} ${contract.operation(method, cell.path)?.template}`);
    problems.push(...contract.check(method, cell.path, res.status, res.headers.get('content-type'), res.text));
    return res.status;
  }

  it('documents examples that validate against their schemas', () => {
    expect(contract.checkExamples()).toEqual([]);
  });

  it('every API route answers as documented: success, no sign-in, out of scope, bad body', async () => {
    expect(apiRows.length).toBeGreaterThan(45);
    for (const row of apiRows) {
      const caller = OK_CALLERS.find((c) => { const s = row.expect(c, 'own'); return s >= 200 && s < 300; });
      expect(caller, `${row.route}: no caller gets a 2xx`).toBeDefined();
      const status = await call(row, caller!, 'own');
      expect(status, row.route).toBe(row.expect(caller!, 'own'));
      // Refusals: signed out; another dealer's record (404/403) for a dealer-bound caller.
      if (row.expect('anonymous', 'own') === 401) await call(row, 'anonymous', 'own');
      if (!row.noTarget && !row.tracking && [403, 404].includes(row.expect('manager', 'other'))) await call(row, 'manager', 'other');
      // A write with a JSON body, sent with a wrong type in every field.
      const [method] = row.route.split(' ');
      if (method !== 'GET' && row.expect('admin', 'own') < 300 && !row.freshSession) {
        await call(row, 'admin', 'own', (b) => (b && typeof b === 'object' && !Array.isArray(b) ? Object.fromEntries(Object.keys(b).map((k) => [k, [[]]])) : b));
      }
    }
    expect(problems.join('\n')).toBe('');
    // Every operation of the document was answered with a success at least once.
    const operations = Object.entries(contract.doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations.filter((o) => !seen.includes(o))).toEqual([]);
  }, 120_000);
});
