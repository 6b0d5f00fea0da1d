import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { FixedClock } from '../../src/common/clock/clock.js';
import type { UnitOfWork } from '../../src/common/database/unit-of-work.js';
import type { Granted } from '../../src/modules/dealers/approval-limits.js';
import type { Dealer } from '../../src/modules/dealers/dealer.entity.js';
import type { DealerRepository } from '../../src/modules/dealers/dealer.repository.js';
import type { OutboxMail, OutboxService, Recipient } from '../../src/modules/notifications/outbox.service.js';
import type { SlaPoliciesService } from '../../src/modules/sla/sla-policies.service.js';
import type { SlaTimer } from '../../src/modules/sla/sla-timer.entity.js';
import type { SlaTimerRepository, TimerFields } from '../../src/modules/sla/sla-timer.repository.js';
import { SlaTimersService } from '../../src/modules/sla/sla-timers.service.js';
import type { Compensation } from '../../src/modules/tickets/compensations/compensation.entity.js';
import type { CompensationRepository } from '../../src/modules/tickets/compensations/compensation.repository.js';
import type { Customer } from '../../src/modules/tickets/customers/customer.entity.js';
import { keyString, type CustomerRepository } from '../../src/modules/tickets/customers/customer.repository.js';
import type { Ticket } from '../../src/modules/tickets/ticket.entity.js';
import { VISIBILITY } from '../../src/modules/tickets/timeline-events.js';
import type { Visibility } from '../../src/modules/tickets/timeline-event.entity.js';
import type { TicketKey, TicketPatch, TicketRepository, TicketScope } from '../../src/modules/tickets/ticket.repository.js';
import type { EventActor, NewEvent } from '../../src/modules/tickets/timeline.js';
import { TicketTransitionsService } from '../../src/modules/tickets/workflow/ticket-transitions.service.js';
import type { Escalation } from '../../src/modules/escalation/escalation.entity.js';
import type { EscalationRepository } from '../../src/modules/escalation/escalation.repository.js';
import type { StaffDirectory } from '../../src/modules/users/staff-directory.js';
import type { User } from '../../src/modules/users/user.entity.js';
import { changedColumns } from '../../src/common/database/changed-columns.js';
import { formatRef } from '../../src/modules/tickets/ticket-ref.js';
import type { Vehicle } from '../../src/modules/tickets/vehicle.entity.js';
import type { VehicleRepository } from '../../src/modules/tickets/vehicle.repository.js';
import type { Actor, Role } from '../../src/modules/users/roles.js';

/**
 * In-memory repositories for service specs (the way Immich's `newTestService` hands a
 * service its repository mocks): the real service as `sut`, its tables as plain maps. Each
 * read hands out a copy, as a database would, and a transaction that throws leaves the
 * store as it found it, so a spec can check that a refusal wrote nothing. The real
 * repositories are exercised on both databases by the e2e suite.
 */
/** An appended event as the database keeps it: its kind and data, who, when, and who sees it (set by its kind). */
export type StoredEvent = NewEvent & { ticketId: string; actor: EventActor; at: Date; visibility: Visibility };

export interface StoredMail extends Recipient {
  template: string;
  data: Record<string, unknown>;
  ticketId: string | null;
  notBefore: Date | null;
}

export class Store {
  tickets = new Map<string, Ticket>();
  customers = new Map<string, Customer>();
  dealers = new Map<string, Dealer>();
  compensations = new Map<string, Compensation>();
  timers = new Map<string, SlaTimer>();
  users = new Map<string, User>();
  vehicles = new Map<string, Vehicle>();
  refSequences = new Map<number, number>();
  escalations: Escalation[] = [];
  events: StoredEvent[] = [];
  mails: StoredMail[] = [];
  /** Transactions that committed; the sweep specs count them. */
  commits = 0;

  snapshot(): Omit<Store, 'snapshot' | 'restore'> {
    return structuredClone({ tickets: this.tickets, customers: this.customers, dealers: this.dealers, compensations: this.compensations, timers: this.timers, users: this.users, vehicles: this.vehicles, refSequences: this.refSequences, escalations: this.escalations, events: this.events, mails: this.mails, commits: this.commits });
  }

  restore(s: ReturnType<Store['snapshot']>): void {
    Object.assign(this, s);
  }
}

/** What the in-memory repositories pass for the transaction's manager: nothing reads it. */
const TX = Object.freeze({}) as EntityManager;
const copy = <T>(x: T): T => structuredClone(x);

/** Runs the work as one transaction of the store: all of it, or (when it throws) none. */
export class InMemoryUnitOfWork implements Pick<UnitOfWork, 'run' | 'runBookkeeping'> {
  constructor(private readonly store: Store) {}

  async run<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    const before = this.store.snapshot();
    try {
      const result = await work(TX);
      this.store.commits++;
      return result;
    } catch (e) {
      this.store.restore(before);
      throw e;
    }
  }

  runBookkeeping<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.run(work);
  }
}

export class InMemoryTicketRepository implements Pick<TicketRepository, 'nextRef' | 'nextRefs' | 'insert' | 'insertMany' | 'lockForChange' | 'lockAll' | 'lockBatch' | 'write' | 'writeMany' | 'appendEvents'> {
  constructor(private readonly store: Store) {}

  async lockForChange(_m: EntityManager, key: TicketKey, scope: TicketScope): Promise<Ticket | null> {
    const t = [...this.store.tickets.values()].find((x) => ('ref' in key ? x.ref === key.ref : x.id === key.id) && (scope === 'all' || x.dealerId === scope));
    return t ? copy(t) : null;
  }

  async nextRef(_m: EntityManager, year: number): Promise<string> {
    const n = (this.store.refSequences.get(year) ?? 0) + 1;
    this.store.refSequences.set(year, n);
    return formatRef(year, n);
  }

  async nextRefs(m: EntityManager, year: number, count: number): Promise<string[]> {
    const refs: string[] = [];
    for (let i = 0; i < count; i++) refs.push(await this.nextRef(m, year));
    return refs;
  }

  async insert(_m: EntityManager, ticket: Ticket): Promise<void> {
    if ([...this.store.tickets.values()].some((t) => t.id === ticket.id || t.ref === ticket.ref)) throw new Error(`duplicate ticket ${ticket.ref}`);
    this.store.tickets.set(ticket.id, copy(ticket));
  }

  async insertMany(m: EntityManager, tickets: Ticket[]): Promise<void> {
    for (const t of tickets) await this.insert(m, t);
  }

  async lockAll(): Promise<void> {}

  async lockBatch(_m: EntityManager, ids: string[]): Promise<Ticket[]> {
    return [...ids].sort().flatMap((id) => (this.store.tickets.has(id) ? [copy(this.store.tickets.get(id)!)] : []));
  }

  async write(_m: EntityManager, id: string, patch: TicketPatch): Promise<void> {
    Object.assign(this.store.tickets.get(id)!, copy(patch));
  }

  async writeMany(_m: EntityManager, rows: Ticket[], columns: (keyof Ticket & string)[]): Promise<void> {
    for (const row of rows) for (const c of columns) Object.assign(this.store.tickets.get(row.id)!, { [c]: copy(row[c]) });
  }

  async appendEvents(_m: EntityManager, actor: EventActor, at: Date, batch: { ticketId: string; events: NewEvent[] }[]): Promise<void> {
    for (const { ticketId, events } of batch) for (const e of events) this.store.events.push(copy({ ...e, ticketId, actor, at, visibility: VISIBILITY[e.type] }));
  }
}

export class InMemoryCustomerRepository implements Pick<CustomerRepository, 'byId' | 'byIds' | 'names' | 'byKey' | 'byKeys' | 'insert' | 'insertMany' | 'updateChanged'> {
  constructor(private readonly store: Store) {}

  async byId(_m: EntityManager, id: string): Promise<Customer> {
    const c = this.store.customers.get(id);
    if (!c) throw new Error(`no customer ${id}`);
    return copy(c);
  }

  async byIds(_m: EntityManager, ids: string[]): Promise<Customer[]> {
    return ids.flatMap((id) => (this.store.customers.has(id) ? [copy(this.store.customers.get(id)!)] : []));
  }

  async names(m: EntityManager, ids: string[]): Promise<Pick<Customer, 'id' | 'name'>[]> {
    return (await this.byIds(m, ids)).map(({ id, name }) => ({ id, name }));
  }

  async byKey(_m: EntityManager, dealerId: string, key: { email: string } | { phone: string }): Promise<Customer | null> {
    const found = [...this.store.customers.values()]
      .filter((c) => c.dealerId === dealerId && ('email' in key ? c.email === key.email : c.phone === key.phone && c.email === null))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return found[0] ? copy(found[0]) : null;
  }

  async byKeys(m: EntityManager, dealerId: string, keys: ({ email: string } | { phone: string; withoutEmail: true })[]): Promise<Map<string, Customer>> {
    const found = new Map<string, Customer>();
    for (const key of keys) {
      const c = await this.byKey(m, dealerId, key);
      if (c) found.set(keyString(key), c);
    }
    return found;
  }

  async insert(_m: EntityManager, customer: Customer): Promise<void> {
    this.store.customers.set(customer.id, copy(customer));
  }

  async insertMany(m: EntityManager, customers: Customer[]): Promise<void> {
    for (const c of customers) await this.insert(m, c);
  }

  async updateChanged(_m: EntityManager, before: Customer, after: Customer): Promise<void> {
    Object.assign(this.store.customers.get(before.id)!, copy(changedColumns(before, after)));
  }
}

export class InMemoryVehicleRepository implements Pick<VehicleRepository, 'byVin' | 'byVins' | 'insert' | 'insertMany' | 'updateChanged'> {
  constructor(private readonly store: Store) {}

  async byVin(_m: EntityManager, customerId: string, vin: string): Promise<Vehicle | null> {
    const v = [...this.store.vehicles.values()].find((x) => x.customerId === customerId && x.vin === vin);
    return v ? copy(v) : null;
  }

  async byVins(m: EntityManager, pairs: { customerId: string; vin: string }[]): Promise<Map<string, Vehicle>> {
    const found = new Map<string, Vehicle>();
    for (const { customerId, vin } of pairs) {
      const v = await this.byVin(m, customerId, vin);
      if (v) found.set(`${customerId} ${vin}`, v);
    }
    return found;
  }

  async insert(_m: EntityManager, vehicle: Vehicle): Promise<void> {
    this.store.vehicles.set(vehicle.id, copy(vehicle));
  }

  async insertMany(m: EntityManager, vehicles: Vehicle[]): Promise<void> {
    for (const v of vehicles) await this.insert(m, v);
  }

  async updateChanged(_m: EntityManager, before: Vehicle, after: Vehicle): Promise<void> {
    Object.assign(this.store.vehicles.get(before.id)!, copy(changedColumns(before, after)));
  }
}

export class InMemoryStaffDirectory implements Pick<StaffDirectory, 'activeStaffOf' | 'activeStaffOfDealers'> {
  constructor(private readonly store: Store) {}

  async activeStaffOf(m: EntityManager, dealerId: string): Promise<User[]> {
    return this.activeStaffOfDealers(m, [dealerId], []);
  }

  async activeStaffOfDealers(_m: EntityManager, dealerIds: string[], userIds: string[]): Promise<User[]> {
    return [...this.store.users.values()]
      .filter((u) => u.active && (u.dealerId === null || dealerIds.includes(u.dealerId) || userIds.includes(u.id)))
      .sort((a, b) => a.email.localeCompare(b.email))
      .map(copy);
  }
}

export class InMemoryEscalationRepository implements Pick<EscalationRepository, 'insertMany'> {
  constructor(private readonly store: Store) {}

  async insertMany(_m: EntityManager, rows: Escalation[]): Promise<void> {
    this.store.escalations.push(...rows.map(copy));
  }
}

export class InMemoryDealerRepository implements Pick<DealerRepository, 'byId' | 'find' | 'exists' | 'byIds'> {
  constructor(private readonly store: Store) {}

  async byId(m: EntityManager, id: string): Promise<Dealer> {
    const d = await this.find(m, id);
    if (!d) throw new Error(`no dealer ${id}`);
    return d;
  }

  async find(_m: EntityManager, id: string): Promise<Dealer | null> {
    return this.store.dealers.has(id) ? copy(this.store.dealers.get(id)!) : null;
  }

  async exists(_m: EntityManager, id: string): Promise<boolean> {
    return this.store.dealers.has(id);
  }

  async byIds(_m: EntityManager, ids: string[]): Promise<Dealer[]> {
    return ids.flatMap((id) => (this.store.dealers.has(id) ? [copy(this.store.dealers.get(id)!)] : []));
  }
}

export class InMemoryCompensationRepository implements Pick<CompensationRepository, 'insert' | 'insertMany' | 'onTicket' | 'save' | 'granted'> {
  constructor(private readonly store: Store) {}

  async insert(_m: EntityManager, row: Compensation): Promise<void> {
    if (this.store.compensations.has(row.id)) throw new Error(`duplicate compensation ${row.id}`);
    this.store.compensations.set(row.id, copy(row));
  }

  async insertMany(m: EntityManager, rows: Compensation[]): Promise<void> {
    for (const row of rows) await this.insert(m, row);
  }

  async onTicket(_m: EntityManager, id: string, ticketId: string): Promise<Compensation | null> {
    const c = this.store.compensations.get(id);
    return c && c.ticketId === ticketId ? copy(c) : null;
  }

  async save(_m: EntityManager, c: Compensation): Promise<void> {
    this.store.compensations.set(c.id, copy(c));
  }

  async granted(_m: EntityManager, ticketId: string): Promise<Granted[]> {
    return [...this.store.compensations.values()]
      .filter((c) => c.ticketId === ticketId && (c.state === 'approved' || c.state === 'delivered'))
      .map((c) => ({ role: c.approvedByRole, amount: c.amount }));
  }
}

export class InMemorySlaTimerRepository implements Pick<SlaTimerRepository, 'insert' | 'byId' | 'ofTicket' | 'ofTickets' | 'update' | 'anyDue' | 'claimDue' | 'saveSwept'> {
  constructor(private readonly store: Store) {}

  async insert(_m: EntityManager, rows: SlaTimer[]): Promise<void> {
    for (const r of rows) this.store.timers.set(r.id, copy(r));
  }

  async byId(_m: EntityManager, id: string): Promise<SlaTimer> {
    const t = this.store.timers.get(id);
    if (!t) throw new Error(`no timer ${id}`);
    return copy(t);
  }

  async ofTicket(m: EntityManager, ticketId: string): Promise<SlaTimer[]> {
    return this.ofTickets(m, [ticketId]);
  }

  async ofTickets(_m: EntityManager, ticketIds: string[]): Promise<SlaTimer[]> {
    return [...this.store.timers.values()].filter((t) => ticketIds.includes(t.ticketId)).map(copy);
  }

  async update(_m: EntityManager, id: string, fields: Partial<TimerFields>): Promise<void> {
    Object.assign(this.store.timers.get(id)!, copy(fields));
  }

  async anyDue(_m: EntityManager, now: Date): Promise<boolean> {
    return [...this.store.timers.values()].some((t) => t.nextCheckAt !== null && t.nextCheckAt <= now);
  }

  async claimDue(_m: EntityManager, now: Date, limit: number): Promise<SlaTimer[]> {
    return [...this.store.timers.values()]
      .filter((t) => t.nextCheckAt !== null && t.nextCheckAt <= now)
      .sort((a, b) => a.nextCheckAt!.getTime() - b.nextCheckAt!.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async saveSwept(_m: EntityManager, timers: { before: SlaTimer; after: SlaTimer }[]): Promise<void> {
    for (const { after: t } of timers) Object.assign(this.store.timers.get(t.id)!, copy({ warnedAt: t.warnedAt, breachedAt: t.breachedAt, escalatedLevel: t.escalatedLevel, nextCheckAt: t.nextCheckAt }));
  }
}

/** The outbox as a list: what would have been mailed, inside the transaction that wrote it. */
export class InMemoryOutbox implements Pick<OutboxService, 'enqueue' | 'enqueueMany'> {
  constructor(private readonly store: Store) {}

  async enqueue(_m: EntityManager, _now: Date, to: Recipient[], template: string, data: Record<string, unknown>, ticketId: string | null, notBefore?: Date): Promise<number> {
    for (const r of to) this.store.mails.push(copy({ ...r, template, data, ticketId, notBefore: notBefore ?? null }));
    return to.length;
  }

  async enqueueMany(m: EntityManager, now: Date, mails: OutboxMail[]): Promise<void> {
    for (const mail of mails) await this.enqueue(m, now, mail.to, mail.template, mail.data, mail.ticketId, mail.notBefore);
  }
}

/** The default policy's minutes, as the first migration seeds it; only `start` asks. */
const POLICY = { listenMinutes: 60, apologiseMinutes: 240, fixMinutes: 2880, resolveMinutes: 7200, warningThreshold: 0.75 };

/** Every repository of the store, and the real services built on them. */
export function inMemory(now = new Date('2026-11-30T09:00:00Z')) {
  const store = new Store();
  const clock = new FixedClock(now);
  const repos = {
    uow: new InMemoryUnitOfWork(store),
    tickets: new InMemoryTicketRepository(store),
    customers: new InMemoryCustomerRepository(store),
    vehicles: new InMemoryVehicleRepository(store),
    dealers: new InMemoryDealerRepository(store),
    compensations: new InMemoryCompensationRepository(store),
    timers: new InMemorySlaTimerRepository(store),
    outbox: new InMemoryOutbox(store),
    staff: new InMemoryStaffDirectory(store),
    escalations: new InMemoryEscalationRepository(store),
  };
  const policies = { forTicket: async () => POLICY, picker: async () => () => POLICY } as unknown as SlaPoliciesService;
  const slaTimers = new SlaTimersService(policies, repos.timers as unknown as SlaTimerRepository);
  const transitions = new TicketTransitionsService(
    repos.uow as unknown as UnitOfWork,
    clock,
    slaTimers,
    repos.outbox as unknown as OutboxService,
    repos.dealers as unknown as DealerRepository,
    repos.tickets as unknown as TicketRepository,
    repos.customers as unknown as CustomerRepository,
  );
  return { store, clock, repos, slaTimers, transitions, seed: seeder(store, clock) };
}

/** Rows for the store with every column filled, and actors to act with. */
function seeder(store: Store, clock: FixedClock) {
  return {
    dealer(over: Partial<Dealer> = {}): Dealer {
      const d: Dealer = {
        id: randomUUID(), name: 'Fjord Bil Oslo', country: 'no', timeZone: 'Europe/Oslo', language: 'nb', currency: 'NOK',
        calendar: { weekly: { mon: [['08:00', '17:00']], tue: [['08:00', '17:00']], wed: [['08:00', '17:00']], thu: [['08:00', '17:00']], fri: [['08:00', '16:00']] }, holidays: [] },
        departments: ['sales', 'service'], approvalLimits: null, contactCadence: null, phone: null, address: null, createdAt: clock.now(), ...over,
      };
      store.dealers.set(d.id, copy(d));
      return d;
    },
    customer(dealer: Dealer, over: Partial<Customer> = {}): Customer {
      const c: Customer = {
        id: randomUUID(), dealerId: dealer.id, name: 'Kari Nordmann', email: 'kari@example.test', phone: null, language: 'nb',
        styleOutgoing: null, styleFactsFirst: null, consent: true, createdAt: clock.now(), ...over,
      };
      store.customers.set(c.id, copy(c));
      return c;
    },
    ticket(dealer: Dealer, customer: Customer, over: Partial<Ticket> = {}): Ticket {
      const now = clock.now();
      const t: Ticket = {
        id: randomUUID(), ref: `AM-${String(store.tickets.size + 1).padStart(6, '0')}`, dealerId: dealer.id, customerId: customer.id, vehicleId: null,
        department: 'service', category: 'repair-quality', channel: 'phone', severity: 'high', severityRank: 3, account: 'The car pulls to the left after the service.',
        desiredOutcome: null, saleAtRiskModel: null, saleAtRiskAmount: null, saleAtRiskCurrency: null, saleAtRisk: false,
        receivedAt: now, createdAt: now, updatedAt: now, stage: 'listen', status: 'open', assigneeId: null, escalationLevel: 0, trackingTokenHash: 'hash',
        sourceSurveyResponseId: null, nextDueAt: null, slaState: null, outcome: null, closedAt: null, rootCause: null, fixedAt: null, resolvedAt: null, reopenCount: 0,
        followUpScore: null, version: 1, ...over,
      };
      store.tickets.set(t.id, copy(t));
      return t;
    },
    user(role: Role, dealer: Dealer | null, over: Partial<User> = {}): User {
      const u: User = {
        id: randomUUID(), name: `A ${role}`, email: `${role}.${store.users.size + 1}@example.test`, passwordHash: 'x', role, dealerId: dealer?.id ?? null,
        department: role === 'department-manager' ? 'service' : null, language: 'en', active: true, mustChangePassword: false, createdAt: clock.now(), ...over,
      };
      store.users.set(u.id, copy(u));
      return u;
    },
    actor(role: Role, dealer: Dealer | null, over: Partial<Actor> = {}): Actor {
      return { id: randomUUID(), name: `A ${role}`, role, dealerId: dealer?.id ?? null, department: role === 'department-manager' ? 'service' : null, via: 'session', ...over };
    },
  };
}

/** A timeline event for a spec that checks the path, not the event's data (the typed union wants data per kind). */
export function anyEvent(type: NewEvent['type'], data: Record<string, unknown> = {}): NewEvent {
  return { type, data } as NewEvent;
}
