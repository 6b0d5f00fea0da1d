import type { Browser, BrowserContext } from 'playwright-core';
import { ROUTES } from '../../security/support/route-table.js';
import { buildWorld, type Caller, type World } from '../../security/support/world.js';

/**
 * Every page of every role, taken from the security suite's route table: a GET page a role
 * gets 200 for (at its own dealer) is that role's page, its path parameters filled by the
 * row's own setup with real ids. A new page in the table is covered without touching this.
 */
export const ROLES = ['reception', 'manager', 'quality', 'principal', 'admin', 'customer'] as const;
export type Role = (typeof ROLES)[number];

export interface Page {
  role: Role;
  /** A file-name friendly name of the route: /tickets/:ref/receipt → tickets-ref-receipt. */
  name: string;
  path: string;
}

/** The customer and the signed-out are the same caller to the route table. */
const CALLER: Record<Role, Caller> = { reception: 'reception', manager: 'manager', quality: 'quality', principal: 'principal', admin: 'admin', customer: 'anonymous' };

export const pageName = (route: string) => route.replace(/^GET \//, '').replace(/[/:]+/g, '-').replace(/^-|-$/g, '') || 'home';

export async function everyPage(w: World): Promise<Page[]> {
  const pages: Page[] = [];
  for (const row of ROUTES.filter((r) => r.page && r.route.startsWith('GET '))) {
    for (const role of ROLES) {
      const caller = CALLER[role];
      // The tracking page is the customer's; staff may open a link too, but it is one page.
      if (row.tracking && role !== 'customer') continue;
      if (row.expect(caller, 'own') !== 200) continue;
      const cell = await row.setup(w, 'own', caller);
      if (cell.ticket && row.route === 'GET /tickets/:ref') await progress(w, cell.ticket.ref);
      pages.push({ role, name: pageName(row.route), path: cell.path });
    }
  }
  return pages;
}

/** A world whose queue, ticket and dashboard have something in them. */
export async function pageWorld(): Promise<World> {
  const w = await buildWorld();
  for (const [i, severity] of (['low', 'medium', 'high', 'critical'] as const).entries()) {
    const tk = await w.ticket('own', { severity, department: i % 2 ? 'sales' : 'service', account: `A long account of what went wrong, number ${i}: the car came back with the same noise and nobody called.` });
    if (i % 2) await progress(w, tk.ref);
  }
  return w;
}

/** Listened to, apologised, fix agreed, a note, a compensation waiting for approval. */
async function progress(w: World, ref: string): Promise<void> {
  const steps: [string, unknown][] = [
    [`/api/tickets/${ref}/stages/listen`, { contactedVia: 'phone' }],
    [`/api/tickets/${ref}/stages/apologise`, { by: 'Ingrid', how: 'phone' }],
    [`/api/tickets/${ref}/stages/fix`, { rootCause: 'waiting-time', action: 'A call back from the workshop manager within the day', owner: 'Lars' }],
    [`/api/tickets/${ref}/messages`, { body: 'Customer prefers a call after 17:00.', visibility: 'internal' }],
    [`/api/tickets/${ref}/compensations`, { kind: 'gift', value: { amount: 40, currency: w.dealers.nl.currency } }],
  ];
  for (const [path, body] of steps) {
    const res = await w.admin.post(path, body);
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${res.text}`);
  }
}

/** One context per role, signed in with the session the world keeps for it. */
export async function roleContext(browser: Browser, w: World, role: Role, options: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const session = role === 'customer' ? undefined : w.sessions[CALLER[role]];
  if (session) {
    const at = session.cookie.indexOf('=');
    await context.addCookies([{ name: session.cookie.slice(0, at), value: session.cookie.slice(at + 1), url: w.t.baseUrl }]);
  }
  return context;
}
