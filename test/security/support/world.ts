import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { Client } from '../../support/http-client.js';
import { complaint, demoDealers, type DemoDealer } from '../../support/fixtures.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/**
 * The callers of the security suite and the tickets they aim at. "Own" is the Dutch dealer
 * (the dealer of the scoped callers), "other" the Norwegian one.
 */
export const CALLERS = ['reception', 'manager', 'quality', 'principal', 'admin', 'apiKey', 'anonymous', 'customerOther'] as const;
export type Caller = (typeof CALLERS)[number];
export type Target = 'own' | 'other';
export const TARGETS: Target[] = ['own', 'other'];
/** Callers bound to the Dutch dealer (the key acts as the Dutch sales manager). */
export const LOCAL: Caller[] = ['reception', 'manager', 'apiKey'];
export const SESSION_CALLERS: Caller[] = ['reception', 'manager', 'quality', 'principal', 'admin'];

export const EMAIL: Record<string, string> = {
  reception: 'reception.nl@demo.test',
  manager: 'sales.manager.nl@demo.test',
  quality: 'quality@demo.test',
  principal: 'principal@demo.test',
  admin: 'admin@demo.test',
};

export interface Reply {
  status: number;
  text: string;
  headers: Headers;
}

export interface Ticket {
  ref: string;
  id: string;
  token: string;
  /** The customer's name: unique, so a body holding it has leaked this ticket. */
  marker: string;
}

export interface World {
  t: TestApp;
  app: NestExpressApplication;
  admin: Client;
  dealers: Record<string, DemoDealer>;
  users: { id: string; email: string; dealerId: string | null }[];
  surveyId: string;
  /** A survey with one question `q` (scale 1–5), for responses and imports. */
  matrixSurveyId: string;
  /** The page of an import job the quality manager started. */
  qualityJob(): Promise<string>;
  apiKey: string;
  sessions: Record<string, { cookie: string; csrf: string }>;
  /** The ticket whose link the customerOther caller holds. */
  customerTicket: Ticket;
  dealerOf(target: Target): DemoDealer;
  userId(email: string): string;
  ticket(target: Target, overrides?: Record<string, unknown>): Promise<Ticket>;
  send(caller: Caller, method: string, path: string, body?: unknown, options?: { page?: boolean; raw?: RequestInit["body"]; headers?: Record<string, string>; session?: { cookie: string; csrf: string } }): Promise<Reply>;
  login(email: string): Promise<{ cookie: string; csrf: string }>;
  /** A session kept for fixtures (signing in costs an argon2 verification). */
  session(email: string): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function buildWorld(env: Record<string, string> = {}, logStream?: DestinationStream): Promise<World> {
  const t = await startTestApp({ LOGIN_RATE_LIMIT: '10000', ...env }, { logStream });
  const admin = await Client.login(t.baseUrl, 'admin@demo.test');
  const dealers = await demoDealers(admin);
  const users = (await admin.get('/api/users')).body as World['users'];
  const userId = (email: string) => users.find((u) => u.email === email)!.id;
  const surveyId = (await admin.get('/api/surveys')).body[0].id as string;
  const matrixSurvey = await admin.post('/api/surveys', {
    name: 'Security survey',
    kind: 'custom',
    questions: [{ id: 'q', text: 'Q', area: 'loyalty', weight: 1, scaleMax: 5, negativeAtOrBelow: 1, department: 'sales', category: 'other' }],
  });
  const key = await admin.post('/api/admin/api-keys', { userId: userId('sales.manager.nl@demo.test'), name: 'security suite' });

  const login = async (email: string) => {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'demo-password' }) });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
    return { cookie: res.headers.get('set-cookie')!.split(';')[0], csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  };
  const sessions: World['sessions'] = {};
  for (const [caller, email] of Object.entries(EMAIL)) sessions[caller] = await login(email);

  const kept: Record<string, { cookie: string; csrf: string }> = {};
  const dealerOf = (target: Target) => (target === 'own' ? dealers.nl : dealers.no);
  const ticket = async (target: Target, overrides: Record<string, unknown> = {}): Promise<Ticket> => {
    const marker = `Leak-${dealerOf(target).country}-${++counter}`;
    const res = await admin.post('/api/tickets', complaint(dealerOf(target).id, { customer: { name: marker, email: `leak${counter}@example.com` }, ...overrides }));
    if (res.status !== 201) throw new Error(`fixture ticket: ${res.status} ${res.text}`);
    return { ref: res.body.ref, id: res.body.id, token: String(res.body.trackingUrl).split('/').pop()!, marker };
  };

  const world: World = {
    t,
    app: t.app,
    admin,
    dealers,
    users,
    surveyId,
    matrixSurveyId: matrixSurvey.body.id,
    async qualityJob() {
      const form = new FormData();
      form.append('file', new Blob(['externalId,dealerId,respondedAt,customerName,score:q\n'], { type: 'text/csv' }), 'r.csv');
      const res = await world.send('quality', 'POST', `/surveys/${matrixSurvey.body.id}/import`, undefined, { page: true, raw: form });
      if (res.status !== 303) throw new Error(`import job: ${res.status}`);
      return res.headers.get('location')!;
    },
    apiKey: key.body.key,
    sessions,
    customerTicket: undefined as unknown as Ticket,
    dealerOf,
    userId,
    ticket,
    login,
    async session(email) {
      kept[email] ??= await login(email);
      return kept[email];
    },
    close: () => t.close(),
    async send(caller, method, path, body, options = {}) {
      const headers: Record<string, string> = { accept: options.page ? 'text/html' : 'application/json', ...options.headers };
      const session = options.session ?? sessions[caller];
      if (session) {
        // Kept beside a cookie the cell brings (the sign-in form's own).
        headers.cookie = [options.headers?.cookie, session.cookie].filter(Boolean).join('; ');
        if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
      }
      if (caller === 'apiKey') headers.authorization = `Bearer ${key.body.key}`;
      // A customer holding a link tries it as a key on staff routes.
      if (caller === 'customerOther') headers.authorization = `Bearer ${world.customerTicket.token}`;
      let payload: RequestInit["body"] | undefined = options.raw;
      if (payload === undefined && body !== undefined) {
        if (options.page) {
          headers['content-type'] = 'application/x-www-form-urlencoded';
          payload = new URLSearchParams(body as Record<string, string>).toString();
        } else {
          headers['content-type'] = 'application/json';
          payload = JSON.stringify(body);
        }
      }
      const res = await fetch(`${t.baseUrl}${path}`, { method, headers, body: payload, redirect: 'manual' });
      return { status: res.status, text: await res.text(), headers: res.headers };
    },
  };
  world.customerTicket = await ticket('own');
  return world;
}

/** Every route the app registered, as "METHOD /path" (the docs' static files and the 404 catch-all left out). */
export function registeredRoutes(app: NestExpressApplication): string[] {
  const router = (app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router;
  return router.stack
    .filter((l) => l.route && !l.route.path.startsWith('/api/docs') && !l.route.path.includes('*'))
    .flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m.toUpperCase()} ${l.route!.path}`));
}

export const isWrite = (route: string) => !route.startsWith('GET ');
