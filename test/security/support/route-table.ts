import { loginForm } from '../../support/page-session.js';
import { LOCAL, SESSION_CALLERS, type Caller, type Target, type Ticket, type World } from './world.js';

/**
 * Every route of the app, once: how to call it against a ticket of the caller's own dealer
 * or of another dealer, and the status each caller must get. The access matrix, the CSRF
 * sweep and the secrets crawl are all generated from this table.
 */
export interface Cell {
  path: string;
  body?: unknown;
  /** A multipart body, made afresh for each request. */
  raw?: () => RequestInit["body"];
  /** The ticket the cell aims at (its marker must not leak to those who may not see it). */
  ticket?: Ticket;
  /** A session to send instead of the caller's own (a stand-in whose password or sessions the cell may change). */
  session?: { cookie: string; csrf: string };
  /** Headers the request needs besides the caller's (the sign-in form's pre-session cookie). */
  headers?: Record<string, string>;
}

export interface Row {
  route: string;
  page?: boolean;
  /** Login and logout replace or end the caller's session: those cells get a fresh one. */
  freshSession?: boolean;
  /** Routes with nothing of a dealer's in them are tried once, not per target. */
  noTarget?: boolean;
  /** Tracking routes: the token is the key; customerOther presents the link it holds. */
  tracking?: boolean;
  /** `caller` is given where the cell needs a stand-in of the caller (the routes of one's own account). */
  setup(w: World, target: Target, caller?: Caller): Promise<Cell>;
  expect(caller: Caller, target: Target): number;
}

const QM: Caller[] = ['quality', 'admin'];
const ACK: Caller[] = ['manager', 'apiKey', 'quality', 'principal', 'admin'];
const APPROVERS: Caller[] = ['manager', 'apiKey', 'quality', 'principal', 'admin'];

/**
 * Staff only: 401 (a page: 303 to sign-in) without a sign-in; the role; then the dealer
 * scope. Another dealer's ticket answers as an unknown one (404), reads and writes alike;
 * naming another dealer in a body (intake, a survey response) is refused with 403.
 */
function staff(ok: number, o: { page?: boolean; roles?: Caller[]; outOfScope?: number; limits?: Caller[] } = {}) {
  return (c: Caller, t: Target): number => {
    if (c === 'anonymous' || c === 'customerOther') return o.page ? 303 : 401;
    if (o.roles && !o.roles.includes(c)) return 403;
    if (LOCAL.includes(c) && t === 'other') return o.outOfScope ?? 404;
    // An approval limit is the service's to check, on a ticket the caller may reach.
    if (o.limits && !o.limits.includes(c)) return 403;
    return ok;
  };
}
const anyone = (status: number) => () => status;
/** Post-redirect-get to the receipt; a caller with an API key has no session to keep the link in, so gets it in the answer. */
const intakeForm = (c: Caller, t: Target) => {
  const status = staff(303, { page: true, outOfScope: 403 })(c, t);
  return status === 303 && c === 'apiKey' ? 201 : status;
};
const adminOnly = (ok: number, page = false) => staff(ok, { page, roles: ['admin'] });

// ---- ticket states the actions need ----
const resolve = async (w: World, tk: Ticket) => {
  for (const [stage, body] of [
    ['listen', { contactedVia: 'phone' }],
    ['apologise', { by: 'Staff', how: 'phone' }],
    ['fix', { rootCause: 'waiting-time', action: 'Call back', owner: 'Staff' }],
    ['compensate', { noCompensation: { reason: 'Not wanted' } }],
  ] as const) {
    const res = await w.admin.post(`/api/tickets/${tk.ref}/stages/${stage}`, body);
    if (res.status !== 200) throw new Error(`resolve ${stage}: ${res.status} ${res.text}`);
  }
  return tk;
};
const resolved = async (w: World, t: Target) => resolve(w, await w.ticket(t));
/** A closed ticket's first loyalty call (a fresh customer, so a fresh journey), with the ticket for its marker. */
const journeyCall = async (w: World, t: Target) => {
  const tk = await resolve(w, await w.ticket(t, { department: 'sales' }));
  await w.admin.post(`/api/tickets/${tk.ref}/stages/follow-up`, { score: 5, via: 'phone' });
  const closed = await w.admin.post(`/api/tickets/${tk.ref}/stages/closed`, { outcome: 'retained' });
  if (closed.status !== 200) throw new Error(`close: ${closed.status} ${closed.text}`);
  const customerId = (await w.admin.get(`/api/tickets/${tk.ref}`)).body.customer.id as string;
  const contacts = (await w.admin.get(`/api/contacts?customerId=${customerId}`)).body as { id: string; kind: string }[];
  return { tk, customerId, callId: contacts.find((c) => c.kind === 'call')!.id };
};
const waiting = async (w: World, t: Target) => {
  const tk = await w.ticket(t);
  await w.admin.post(`/api/tickets/${tk.ref}/wait`, { reason: 'Customer on holiday' });
  return tk;
};
/** A compensation of 100: over a receptionist's limit, so it waits for approval. */
const proposed = async (w: World, t: Target) => {
  const tk = await w.ticket(t);
  const d = w.dealerOf(t);
  const reception = await w.session(`reception.${d.country}@demo.test`);
  const res = await w.send('reception', 'POST', `/api/tickets/${tk.ref}/compensations`, { kind: 'gift', value: { amount: 100, currency: d.currency } }, { session: reception });
  if (res.status !== 201) throw new Error(`proposed: ${res.status} ${res.text}`);
  return { tk, id: JSON.parse(res.text).id as string };
};
const approved = async (w: World, t: Target) => {
  const tk = await w.ticket(t);
  const res = await w.admin.post(`/api/tickets/${tk.ref}/compensations`, { kind: 'gift', value: { amount: 5, currency: w.dealerOf(t).currency } });
  return { tk, id: res.body.id as string };
};
const escalated = async (w: World, t: Target) => {
  const tk = await w.ticket(t);
  const res = await w.admin.post(`/api/tickets/${tk.ref}/escalate`, { reason: 'Customer called twice' });
  if (res.status !== 200) throw new Error(`escalate: ${res.status} ${res.text}`);
  const rows = await w.t.dataSource.query(w.t.dataSource.options.type === 'postgres' ? 'SELECT id FROM escalations WHERE "ticketId" = $1' : 'SELECT id FROM escalations WHERE "ticketId" = ?', [tk.id]);
  return { tk, id: rows[0].id as string };
};
const managerOf = (w: World, t: Target) => w.userId(`sales.manager.${w.dealerOf(t).country}@demo.test`);

let unique = 0;
const next = () => ++unique;
const COUNTRIES = 'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `x${c}`);
const csv = (w: World, t: Target) => () => {
  const form = new FormData();
  const row = `imp-${next()},${w.dealerOf(t).id},2026-11-20T10:00:00+01:00,Imported Person,3`;
  form.append('file', new Blob([`externalId,dealerId,respondedAt,customerName,score:${'q'}\n${row}\n`], { type: 'text/csv' }), 'r.csv');
  return form;
};
const surveyResponse = (w: World, t: Target) => ({
  externalId: `matrix-${next()}`,
  dealerId: w.dealerOf(t).id,
  respondedAt: '2026-11-20T10:00:00+01:00',
  customer: { name: 'Respondent', email: 'r@example.com' },
  answers: [{ questionId: 'q', score: 4 }],
});
const survey = { name: 'Matrix survey', kind: 'custom', questions: [{ id: 'q', text: 'Q', area: 'loyalty', weight: 1, scaleMax: 5, negativeAtOrBelow: 1, department: 'sales', category: 'other' }] };
const calendar = { weekly: { mon: [['09:00', '17:00']] }, holidays: [] };
/** The same calendar as the admin page's grid posts it. */
const calendarGrid = { 'mon-0-from': '09:00', 'mon-0-to': '17:00', 'holiday-0-date': '', 'holiday-0-name': '' };
const policy = { targets: { listen: 480, apologise: 960, fix: 2400, resolve: 9600 } };


// ---- improvements: quality managers, principals and admins manage any in scope; a department manager (and the key acting as one) those of their dealer and department ----
const IMPROVERS: Caller[] = ['manager', 'apiKey', 'quality', 'principal', 'admin'];
const improvementBody = (w: World, t: Target) => ({ title: 'Matrix improvement', dealerId: w.dealerOf(t).id, department: 'sales', rootCause: 'waiting-time', ownerId: w.userId('quality@demo.test'), dueDate: '2027-01-31' });
const improvement = async (w: World, t: Target): Promise<string> => {
  const res = await w.admin.post('/api/improvements', improvementBody(w, t));
  if (res.status !== 201) throw new Error(`improvement: ${res.status} ${res.text}`);
  return res.body.id;
};

/**
 * The routes of one's own account change the caller's password or end their other sessions,
 * which would end the sessions the suite keeps: each cell signs in a fresh user of the caller's
 * role and dealer instead. Keys and the anonymous have no session to stand in for.
 */
const STAND_IN: Partial<Record<Caller, { role: string; dealer: boolean; department?: string }>> = {
  reception: { role: 'receptionist', dealer: true },
  manager: { role: 'department-manager', dealer: true, department: 'sales' },
  quality: { role: 'quality-manager', dealer: false },
  principal: { role: 'principal', dealer: false },
  admin: { role: 'admin', dealer: false },
};
const standIn = async (w: World, caller: Caller | undefined) => {
  const like = caller && SESSION_CALLERS.includes(caller) ? STAND_IN[caller] : undefined;
  if (!like) return undefined;
  const email = `stand-in-${next()}@demo.test`;
  const res = await w.admin.post('/api/users', { name: `Stand-in ${caller}`, email, password: 'demo-password', role: like.role, dealerId: like.dealer ? w.dealers.nl.id : null, department: like.department });
  if (res.status !== 201) throw new Error(`stand-in: ${res.status} ${res.text}`);
  return w.login(email);
};
/** A user of the target's dealer for the admin to change (never one the suite signs in as). */
const spare = async (w: World, t: Target) => {
  const res = await w.admin.post('/api/users', { name: 'Spare', email: `spare-${next()}@demo.test`, password: 'demo-password', role: 'receptionist', dealerId: w.dealerOf(t).id });
  if (res.status !== 201) throw new Error(`spare user: ${res.status} ${res.text}`);
  return res.body.id as string;
};
const newPassword = () => ({ currentPassword: 'demo-password', newPassword: `plum-kettle-harbour-${next()}` });
/** Only a session may change a password or end sessions (403 to a key); the rest as staff. */
const sessionOnly = (ok: number, page = false) => (c: Caller) => (c === 'apiKey' ? 403 : staff(ok, { page })(c, 'own'));

const tk = (f: (w: World, t: Target, tk: Ticket) => Omit<Cell, 'ticket'>) => async (w: World, t: Target) => {
  const ticket = await w.ticket(t);
  return { ticket, ...f(w, t, ticket) };
};

export const ROUTES: Row[] = [
  // ---- the JSON API ----
  { route: 'POST /api/auth/login', noTarget: true, freshSession: true, setup: async (w, t) => ({ path: '/api/auth/login', body: { email: `reception.${w.dealerOf(t).country}@demo.test`, password: 'demo-password' } }), expect: anyone(200) },
  { route: 'POST /api/auth/logout', noTarget: true, freshSession: true, setup: async () => ({ path: '/api/auth/logout' }), expect: anyone(204) },
  { route: 'GET /api/me', noTarget: true, setup: async () => ({ path: '/api/me' }), expect: staff(200) },
  { route: 'GET /api/tickets', setup: async (w, t) => ({ path: `/api/tickets?dealerId=${w.dealerOf(t).id}`, ticket: await w.ticket(t) }), expect: staff(200, { outOfScope: 200 }) },
  { route: 'GET /api/tickets/:ref', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}` })), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/tickets/:ref/sla/:target/explain', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/sla/listen/explain` })), expect: staff(200, { outOfScope: 404 }) },
  { route: 'POST /api/tickets', setup: async (w, t) => ({ path: '/api/tickets', body: { dealerId: w.dealerOf(t).id, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', customer: { name: 'Matrix Person', phone: '+4712345678' }, account: 'Noise' } }), expect: staff(201, { outOfScope: 403 }) },
  { route: 'POST /api/tickets/assign', setup: tk((w, t, k) => ({ path: '/api/tickets/assign', body: { refs: [k.ref], assigneeId: managerOf(w, t) } })), expect: staff(200) },
  { route: 'POST /api/tickets/:ref/stages/:stage', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/stages/listen`, body: { contactedVia: 'phone' } })), expect: staff(200) },
  { route: 'POST /api/tickets/:ref/messages', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/messages`, body: { body: 'A note', visibility: 'internal' } })), expect: staff(201) },
  { route: 'POST /api/tickets/:ref/assign', setup: tk((w, t, k) => ({ path: `/api/tickets/${k.ref}/assign`, body: { assigneeId: managerOf(w, t) } })), expect: staff(200) },
  { route: 'PATCH /api/tickets/:ref/customer', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/customer`, body: { phone: `+31 6 ${String(next()).padStart(8, '0')}` } })), expect: staff(200) },
  { route: 'POST /api/tickets/:ref/wait', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/wait`, body: {} })), expect: staff(200) },
  { route: 'POST /api/tickets/:ref/resume', setup: async (w, t) => { const k = await waiting(w, t); return { ticket: k, path: `/api/tickets/${k.ref}/resume` }; }, expect: staff(200) },
  { route: 'POST /api/tickets/:ref/reopen', setup: async (w, t) => { const k = await resolved(w, t); return { ticket: k, path: `/api/tickets/${k.ref}/reopen`, body: { reason: 'Still broken' } }; }, expect: staff(200) },
  { route: 'POST /api/tickets/:ref/compensations', setup: tk((w, t, k) => ({ path: `/api/tickets/${k.ref}/compensations`, body: { kind: 'gift', value: { amount: 5, currency: w.dealerOf(t).currency } } })), expect: staff(201) },
  { route: 'POST /api/tickets/:ref/compensations/:id/approve', setup: async (w, t) => { const p = await proposed(w, t); return { ticket: p.tk, path: `/api/tickets/${p.tk.ref}/compensations/${p.id}/approve` }; }, expect: staff(200, { limits: APPROVERS }) },
  // The Dutch receptionist proposed the Dutch one, so may withdraw it.
  { route: 'POST /api/tickets/:ref/compensations/:id/reject', setup: async (w, t) => { const p = await proposed(w, t); return { ticket: p.tk, path: `/api/tickets/${p.tk.ref}/compensations/${p.id}/reject`, body: {} }; }, expect: staff(200) },
  { route: 'POST /api/tickets/:ref/compensations/:id/deliver', setup: async (w, t) => { const p = await approved(w, t); return { ticket: p.tk, path: `/api/tickets/${p.tk.ref}/compensations/${p.id}/deliver` }; }, expect: staff(200) },
  { route: 'POST /api/tickets/:ref/tracking-link', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/tracking-link` })), expect: staff(201) },
  { route: 'POST /api/tickets/:ref/escalate', setup: tk((_w, _t, k) => ({ path: `/api/tickets/${k.ref}/escalate`, body: { reason: 'Urgent' } })), expect: staff(200) },
  { route: 'POST /api/tickets/:ref/escalations/:id/ack', setup: async (w, t) => { const e = await escalated(w, t); return { ticket: e.tk, path: `/api/tickets/${e.tk.ref}/escalations/${e.id}/ack` }; }, expect: staff(200, { roles: ACK }) },
  { route: 'GET /api/dealers', noTarget: true, setup: async () => ({ path: '/api/dealers' }), expect: staff(200) },
  { route: 'GET /api/dealers/:id', setup: async (w, t) => ({ path: `/api/dealers/${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'POST /api/dealers', noTarget: true, setup: async () => ({ path: '/api/dealers', body: { name: `Dealer ${next()}`, country: COUNTRIES[next() % 26], timeZone: 'Europe/Oslo', language: 'en', currency: 'EUR', calendar } }), expect: adminOnly(201) },
  { route: 'PATCH /api/dealers/:id', setup: async (w, t) => ({ path: `/api/dealers/${w.dealerOf(t).id}`, body: { name: w.dealerOf(t).name } }), expect: adminOnly(200) },
  { route: 'GET /api/dealers/:id/contact-cadence', setup: async (w, t) => ({ path: `/api/dealers/${w.dealerOf(t).id}/contact-cadence` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'PUT /api/dealers/:id/contact-cadence', setup: async (w, t) => ({ path: `/api/dealers/${w.dealerOf(t).id}/contact-cadence`, body: { steps: [{ afterBusinessDays: 2, kind: 'call', department: 'sales', purpose: 'Check in' }, { afterMonths: 6, kind: 'message', department: 'sales', purpose: 'Here for you' }, { afterMonths: 11, kind: 'call', department: 'sales', purpose: 'Still content?' }] } }), expect: adminOnly(200) },
  { route: 'GET /api/contacts', setup: async (w, t) => { const j = await journeyCall(w, t); return { path: `/api/contacts?dealerId=${w.dealerOf(t).id}`, ticket: j.tk }; }, expect: staff(200, { outOfScope: 200 }) },
  { route: 'GET /api/contacts/figures', setup: async (w, t) => ({ path: `/api/contacts/figures?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'POST /api/contacts/:id/complete', setup: async (w, t) => { const j = await journeyCall(w, t); return { ticket: j.tk, path: `/api/contacts/${j.callId}/complete`, body: { outcome: 'reached', note: 'Happy' } }; }, expect: staff(200) },
  { route: 'GET /api/customers/lookup', setup: async (w, t) => { const tk = await w.ticket(t); return { ticket: tk, path: `/api/customers/lookup?dealerId=${w.dealerOf(t).id}&email=leak${tk.marker.split('-').pop()}@example.com` }; }, expect: staff(200) },
  { route: 'GET /api/customers/:id', setup: async (w, t) => { const j = await journeyCall(w, t); return { ticket: j.tk, path: `/api/customers/${j.customerId}` }; }, expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/users', noTarget: true, setup: async () => ({ path: '/api/users' }), expect: staff(200) },
  { route: 'POST /api/users', setup: async (w, t) => ({ path: '/api/users', body: { name: 'New', email: `new${next()}@demo.test`, password: 'long-enough-password', role: 'receptionist', dealerId: w.dealerOf(t).id } }), expect: adminOnly(201) },
  { route: 'PATCH /api/users/:id', setup: async (w, t) => ({ path: `/api/users/${await spare(w, t)}`, body: { department: 'sales' } }), expect: adminOnly(200) },
  { route: 'POST /api/users/:id/password', setup: async (w, t) => ({ path: `/api/users/${await spare(w, t)}/password`, body: { password: 'a-one-time-secret' } }), expect: adminOnly(204) },
  { route: 'POST /api/me/password', noTarget: true, setup: async (w, _t, caller) => ({ path: '/api/me/password', body: newPassword(), session: await standIn(w, caller) }), expect: sessionOnly(200) },
  { route: 'POST /api/me/sessions/revoke-others', noTarget: true, setup: async (w, _t, caller) => ({ path: '/api/me/sessions/revoke-others', session: await standIn(w, caller) }), expect: sessionOnly(200) },
  { route: 'GET /api/admin/writer-holds', noTarget: true, setup: async () => ({ path: '/api/admin/writer-holds' }), expect: adminOnly(200) },
  { route: 'DELETE /api/admin/writer-holds', noTarget: true, setup: async () => ({ path: '/api/admin/writer-holds' }), expect: adminOnly(204) },
  { route: 'GET /api/admin/api-keys', noTarget: true, setup: async () => ({ path: '/api/admin/api-keys' }), expect: adminOnly(200) },
  { route: 'POST /api/admin/api-keys', setup: async (w, t) => ({ path: '/api/admin/api-keys', body: { userId: managerOf(w, t), name: 'k' } }), expect: adminOnly(201) },
  { route: 'DELETE /api/admin/api-keys/:id', setup: async (w, t) => ({ path: `/api/admin/api-keys/${(await w.admin.post('/api/admin/api-keys', { userId: managerOf(w, t), name: 'doomed' })).body.id}` }), expect: adminOnly(204) },
  { route: 'GET /api/sla/policies', noTarget: true, setup: async () => ({ path: '/api/sla/policies' }), expect: staff(200) },
  { route: 'PUT /api/sla/policies/:severity', noTarget: true, setup: async () => ({ path: '/api/sla/policies/low', body: policy }), expect: adminOnly(200) },
  { route: 'POST /api/sla/sweep', noTarget: true, setup: async () => ({ path: '/api/sla/sweep' }), expect: adminOnly(200) },
  { route: 'GET /api/surveys', noTarget: true, setup: async () => ({ path: '/api/surveys' }), expect: staff(200) },
  { route: 'POST /api/surveys', noTarget: true, setup: async () => ({ path: '/api/surveys', body: survey }), expect: adminOnly(201) },
  // A response naming a dealer outside the caller's scope is refused (403: the dealer is named in the body, not a ticket reference).
  { route: 'PATCH /api/surveys/:surveyId', noTarget: true, setup: async (w) => ({ path: `/api/surveys/${w.matrixSurveyId}`, body: { name: 'Security survey' } }), expect: adminOnly(200) },
  // Survey deliveries: admins, quality managers and survey-provider keys only (the matrix's key is a plain one); a survey-provider key is tried in the matrix's nested tests.
  { route: 'POST /api/surveys/:surveyId/responses', setup: async (w, t) => ({ path: `/api/surveys/${w.matrixSurveyId}/responses`, body: surveyResponse(w, t) }), expect: staff(201, { roles: QM, outOfScope: 403 }) },
  { route: 'POST /api/surveys/:surveyId/import', setup: async (w, t) => ({ path: `/api/surveys/${w.matrixSurveyId}/import`, raw: csv(w, t) }), expect: staff(200, { roles: QM }) },
  { route: 'GET /api/reports/satisfaction-index', setup: async (w, t) => ({ path: `/api/reports/satisfaction-index?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/reports/dashboard', setup: async (w, t) => ({ path: `/api/reports/dashboard?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/exports/tickets.csv', setup: async (w, t) => ({ path: `/api/exports/tickets.csv?dealerId=${w.dealerOf(t).id}`, ticket: await w.ticket(t) }), expect: staff(200, { outOfScope: 200 }) },
  { route: 'GET /api/exports/contacts.csv', setup: async (w, t) => { const j = await journeyCall(w, t); return { path: `/api/exports/contacts.csv?dealerId=${w.dealerOf(t).id}`, ticket: j.tk }; }, expect: staff(200, { outOfScope: 200 }) },
  { route: 'GET /api/exports/dashboard.csv', setup: async (w, t) => ({ path: `/api/exports/dashboard.csv?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/exports/league.csv', setup: async (w, t) => ({ path: `/api/exports/league.csv?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'POST /api/improvements', setup: async (w, t) => ({ path: '/api/improvements', body: improvementBody(w, t) }), expect: staff(201, { roles: IMPROVERS, outOfScope: 403 }) },
  { route: 'GET /api/improvements', setup: async (w, t) => ({ path: `/api/improvements?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/improvements/suggestions', setup: async (w, t) => ({ path: `/api/improvements/suggestions?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/improvements/export.csv', setup: async (w, t) => ({ path: `/api/improvements/export.csv?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { outOfScope: 404 }) },
  { route: 'GET /api/improvements/:id', setup: async (w, t) => ({ path: `/api/improvements/${await improvement(w, t)}` }), expect: staff(200) },
  { route: 'POST /api/improvements/:id/status', setup: async (w, t) => ({ path: `/api/improvements/${await improvement(w, t)}/status`, body: { status: 'in-progress' } }), expect: staff(200, { roles: IMPROVERS }) },
  { route: 'POST /api/improvements/:id/tickets', setup: async (w, t) => { const k = await w.ticket(t); return { ticket: k, path: `/api/improvements/${await improvement(w, t)}/tickets`, body: { refs: [k.ref] } }; }, expect: staff(200, { roles: IMPROVERS }) },
  // ---- the customer's side: the token is the key ----
  { route: 'GET /api/track/:token', tracking: true, setup: tk((_w, _t, k) => ({ path: `/api/track/${k.token}` })), expect: anyone(200) },
  { route: 'POST /api/track/:token/messages', tracking: true, setup: tk((_w, _t, k) => ({ path: `/api/track/${k.token}/messages`, body: { body: 'Call me' } })), expect: anyone(201) },
  // The link customerOther holds is of an open ticket: rating and reopening it are refused as untimely.
  { route: 'POST /api/track/:token/rating', tracking: true, setup: async (w, t) => { const k = await resolved(w, t); return { ticket: k, path: `/api/track/${k.token}/rating`, body: { score: 5 } }; }, expect: (c) => (c === 'customerOther' ? 422 : 200) },
  { route: 'POST /api/track/:token/reopen', tracking: true, setup: async (w, t) => { const k = await resolved(w, t); return { ticket: k, path: `/api/track/${k.token}/reopen`, body: { reason: 'Not fixed' } }; }, expect: (c) => (c === 'customerOther' ? 422 : 200) },
  { route: 'GET /health/live', noTarget: true, setup: async () => ({ path: '/health/live' }), expect: anyone(200) },
  { route: 'GET /health/ready', noTarget: true, setup: async () => ({ path: '/health/ready' }), expect: anyone(200) },
  // ---- the pages ----
  { route: 'GET /', noTarget: true, page: true, setup: async () => ({ path: '/' }), expect: anyone(303) },
  { route: 'GET /login', noTarget: true, page: true, setup: async () => ({ path: '/login' }), expect: (c) => (c === 'anonymous' || c === 'customerOther' ? 200 : 303) },
  { route: 'POST /login', noTarget: true, page: true, freshSession: true, setup: async (w, t) => {
    // The form as a browser has it: its pre-session cookie and token (login CSRF).
    const form = await loginForm(w.t.baseUrl);
    return { path: '/login', body: { _csrf: form.csrf, email: `reception.${w.dealerOf(t).country}@demo.test`, password: 'demo-password' }, headers: { cookie: form.cookie } };
  }, expect: anyone(303) },
  { route: 'POST /logout', noTarget: true, page: true, freshSession: true, setup: async () => ({ path: '/logout', body: {} }), expect: anyone(303) },
  { route: 'GET /intake', noTarget: true, page: true, setup: async () => ({ path: '/intake' }), expect: staff(200, { page: true }) },
  { route: 'POST /intake', page: true, setup: async (w, t) => ({ path: '/intake', body: { dealerId: w.dealerOf(t).id, department: 'service', category: 'workmanship', channel: 'phone', severity: 'medium', customerName: 'Page Person', customerPhone: '+31612345678', account: 'Noise' } }), expect: intakeForm },
  { route: 'GET /tickets', page: true, setup: async (w, t) => ({ path: `/tickets?dealerId=${w.dealerOf(t).id}`, ticket: await w.ticket(t) }), expect: staff(200, { page: true, outOfScope: 200 }) },
  { route: 'POST /tickets/bulk-assign', page: true, setup: tk((w, t, k) => ({ path: '/tickets/bulk-assign', body: { refs: k.ref, assigneeId: managerOf(w, t) } })), expect: staff(303, { page: true }) },
  { route: 'GET /tickets/:ref/receipt', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}/receipt` })), expect: staff(200, { page: true, outOfScope: 404 }) },
  { route: 'GET /tickets/:ref', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}` })), expect: staff(200, { page: true, outOfScope: 404 }) },
  { route: 'POST /tickets/:ref/stages/:stage', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}/stages/listen`, body: { contactedVia: 'phone' } })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/messages', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}/messages`, body: { body: 'Note', visibility: 'internal' } })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/customer', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}/customer`, body: { phone: `+31 6 ${String(next()).padStart(8, '0')}` } })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/assign', page: true, setup: tk((w, t, k) => ({ path: `/tickets/${k.ref}/assign`, body: { assigneeId: managerOf(w, t) } })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/wait', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}/wait`, body: {} })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/resume', page: true, setup: async (w, t) => { const k = await waiting(w, t); return { ticket: k, path: `/tickets/${k.ref}/resume`, body: {} }; }, expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/reopen', page: true, setup: async (w, t) => { const k = await resolved(w, t); return { ticket: k, path: `/tickets/${k.ref}/reopen`, body: { reason: 'Again' } }; }, expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/compensations', page: true, setup: tk((w, t, k) => ({ path: `/tickets/${k.ref}/compensations`, body: { kind: 'gift', amount: '5', currency: w.dealerOf(t).currency } })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/compensations/:id/:decision', page: true, setup: async (w, t) => { const p = await proposed(w, t); return { ticket: p.tk, path: `/tickets/${p.tk.ref}/compensations/${p.id}/approve`, body: {} }; }, expect: staff(303, { page: true, limits: APPROVERS }) },
  { route: 'POST /tickets/:ref/escalate', page: true, setup: tk((_w, _t, k) => ({ path: `/tickets/${k.ref}/escalate`, body: { reason: 'Urgent' } })), expect: staff(303, { page: true }) },
  { route: 'POST /tickets/:ref/escalations/:id/ack', page: true, setup: async (w, t) => { const e = await escalated(w, t); return { ticket: e.tk, path: `/tickets/${e.tk.ref}/escalations/${e.id}/ack`, body: {} }; }, expect: staff(303, { page: true, roles: ACK }) },
  { route: 'GET /surveys', noTarget: true, page: true, setup: async () => ({ path: '/surveys' }), expect: staff(200, { page: true }) },
  { route: 'POST /surveys', noTarget: true, page: true, setup: async () => ({ path: '/surveys', body: { name: 'Page survey', kind: 'custom', questions: JSON.stringify(survey.questions) } }), expect: staff(303, { page: true, roles: ['admin'] }) },
  { route: 'GET /surveys/:id/import', noTarget: true, page: true, setup: async (w) => ({ path: `/surveys/${w.matrixSurveyId}/import` }), expect: staff(200, { page: true, roles: QM }) },
  { route: 'POST /surveys/:id/import', page: true, setup: async (w, t) => ({ path: `/surveys/${w.matrixSurveyId}/import`, raw: csv(w, t) }), expect: staff(303, { page: true, roles: QM }) },
  // The quality manager's own import job; the admin may look at anyone's.
  { route: 'GET /surveys/:id/import/jobs/:jobId', noTarget: true, page: true, setup: async (w) => ({ path: await w.qualityJob() }), expect: staff(200, { page: true, roles: QM }) },
  { route: 'GET /reports/satisfaction', page: true, setup: async (w, t) => ({ path: `/reports/satisfaction?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { page: true, outOfScope: 404 }) },
  { route: 'GET /contacts', page: true, setup: async (w, t) => { const j = await journeyCall(w, t); return { path: '/contacts?status=scheduled', ticket: j.tk }; }, expect: staff(200, { page: true, outOfScope: 200 }) },
  { route: 'POST /contacts/:id/complete', page: true, setup: async (w, t) => { const j = await journeyCall(w, t); return { ticket: j.tk, path: `/contacts/${j.callId}/complete`, body: { outcome: 'reached', note: 'Fine' } }; }, expect: staff(303, { page: true }) },
  { route: 'GET /customers/:id', page: true, setup: async (w, t) => { const j = await journeyCall(w, t); return { ticket: j.tk, path: `/customers/${j.customerId}` }; }, expect: staff(200, { page: true, outOfScope: 404 }) },
  { route: 'GET /dashboard', page: true, setup: async (w, t) => ({ path: `/dashboard?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { page: true, outOfScope: 404 }) },
  { route: 'GET /improvements', page: true, setup: async (w, t) => ({ path: `/improvements?dealerId=${w.dealerOf(t).id}` }), expect: staff(200, { page: true, outOfScope: 404 }) },
  { route: 'POST /improvements', page: true, setup: async (w, t) => ({ path: '/improvements', body: { ...improvementBody(w, t), ticketRefs: '' } }), expect: staff(303, { page: true, roles: IMPROVERS, outOfScope: 403 }) },
  { route: 'GET /improvements/:id', page: true, setup: async (w, t) => ({ path: `/improvements/${await improvement(w, t)}` }), expect: staff(200, { page: true }) },
  { route: 'POST /improvements/:id/status', page: true, setup: async (w, t) => ({ path: `/improvements/${await improvement(w, t)}/status`, body: { status: 'in-progress' } }), expect: staff(303, { page: true, roles: IMPROVERS }) },
  { route: 'POST /improvements/:id/tickets', page: true, setup: async (w, t) => { const k = await w.ticket(t); return { ticket: k, path: `/improvements/${await improvement(w, t)}/tickets`, body: { refs: k.ref } }; }, expect: staff(303, { page: true, roles: IMPROVERS }) },
  { route: 'GET /admin', noTarget: true, page: true, setup: async () => ({ path: '/admin' }), expect: adminOnly(200, true) },
  { route: 'POST /admin/dealers', noTarget: true, page: true, setup: async () => ({ path: '/admin/dealers', body: { name: `Page dealer ${next()}`, country: COUNTRIES[next() % 26], timeZone: 'Europe/Oslo', language: 'en', currency: 'EUR', ...calendarGrid } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/dealers/:id/contact-cadence', page: true, setup: async (w, t) => ({ path: `/admin/dealers/${w.dealerOf(t).id}/contact-cadence`, body: { cadence: JSON.stringify([{ afterBusinessDays: 2, kind: 'call', department: 'sales', purpose: 'Check in' }]) } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/dealers/:id/calendar', page: true, setup: async (w, t) => ({ path: `/admin/dealers/${w.dealerOf(t).id}/calendar`, body: calendarGrid }), expect: adminOnly(303, true) },
  { route: 'POST /admin/dealers/:id/contact', page: true, setup: async (w, t) => ({ path: `/admin/dealers/${w.dealerOf(t).id}/contact`, body: { phone: '+31 30 123 45 67', address: 'Utrecht' } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/users', page: true, setup: async (w, t) => ({ path: '/admin/users', body: { name: 'Page user', email: `page${next()}@demo.test`, password: 'long-enough-password', role: 'receptionist', dealerId: w.dealerOf(t).id } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/users/:id', page: true, setup: async (w, t) => ({ path: `/admin/users/${await spare(w, t)}`, body: { name: 'Spare', role: 'receptionist', dealerId: w.dealerOf(t).id, department: 'sales' } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/users/:id/active', page: true, setup: async (w, t) => ({ path: `/admin/users/${await spare(w, t)}/active`, body: { active: 'false' } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/users/:id/password', page: true, setup: async (w, t) => ({ path: `/admin/users/${await spare(w, t)}/password`, body: { password: 'a-one-time-secret' } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/api-keys', page: true, setup: async (w, t) => ({ path: '/admin/api-keys', body: { userId: managerOf(w, t), name: 'page key' } }), expect: adminOnly(303, true) },
  { route: 'POST /admin/api-keys/:id/revoke', page: true, setup: async (w, t) => ({ path: `/admin/api-keys/${(await w.admin.post('/api/admin/api-keys', { userId: managerOf(w, t), name: 'doomed' })).body.id}/revoke`, body: {} }), expect: adminOnly(303, true) },
  { route: 'POST /admin/sla-policies/:severity', noTarget: true, page: true, setup: async () => ({ path: '/admin/sla-policies/low', body: { 'listen-h': '8', 'listen-m': '0', 'apologise-h': '16', 'fix-h': '40', 'resolve-h': '160', warningPercent: '75' } }), expect: adminOnly(303, true) },
  { route: 'GET /account', noTarget: true, page: true, setup: async () => ({ path: '/account' }), expect: staff(200, { page: true }) },
  { route: 'POST /account/password', noTarget: true, page: true, setup: async (w, _t, caller) => ({ path: '/account/password', body: newPassword(), session: await standIn(w, caller) }), expect: sessionOnly(303, true) },
  { route: 'POST /account/language', noTarget: true, page: true, setup: async (w, _t, caller) => ({ path: '/account/language', body: { language: 'nl' }, session: await standIn(w, caller) }), expect: staff(303, { page: true }) },
  { route: 'POST /account/sessions/revoke-others', noTarget: true, page: true, setup: async (w, _t, caller) => ({ path: '/account/sessions/revoke-others', body: {}, session: await standIn(w, caller) }), expect: sessionOnly(303, true) },
  { route: 'GET /track/:token', page: true, tracking: true, setup: tk((_w, _t, k) => ({ path: `/track/${k.token}` })), expect: anyone(200) },
  { route: 'POST /track/:token/messages', page: true, tracking: true, setup: tk((_w, _t, k) => ({ path: `/track/${k.token}/messages`, body: { body: 'Call me' } })), expect: anyone(303) },
  { route: 'POST /track/:token/rating', page: true, tracking: true, setup: async (w, t) => { const k = await resolved(w, t); return { ticket: k, path: `/track/${k.token}/rating`, body: { score: '5' } }; }, expect: (c) => (c === 'customerOther' ? 422 : 303) },
  { route: 'POST /track/:token/reopen', page: true, tracking: true, setup: async (w, t) => { const k = await resolved(w, t); return { ticket: k, path: `/track/${k.token}/reopen`, body: { reason: 'Not fixed' } }; }, expect: (c) => (c === 'customerOther' ? 422 : 303) },
];
