import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config.js';
import { Clock } from '../../../common/clock/clock.js';
import { UnitOfWork } from '../../../common/database/unit-of-work.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { hashToken, randomToken } from '../../../common/security/tokens.js';
import { DealerRepository } from '../../dealers/dealer.repository.js';
import { TARGET_OF_STAGE } from '../../sla/sla-clock.js';
import { SlaTimersService, type PlannedTimers } from '../../sla/sla-timers.service.js';
import { zonedCalendar } from '../../sla/zoned-calendar.js';
import { inScope, type Actor } from '../../users/roles.js';
import { withinLimit, type ApprovalLimits } from '../../dealers/approval-limits.js';
import { dealerApprovalLimits } from '../../dealers/dealers.service.js';
import { CompensationRepository } from '../compensations/compensation.repository.js';
import { newCompensation } from '../compensations/new-compensation.js';
import type { CreateTicketDto } from './create-ticket.dto.js';
import type { Compensation } from '../compensations/compensation.entity.js';
import type { Dealer } from '../../dealers/dealer.entity.js';
import type { Customer } from '../customers/customer.entity.js';
import { CustomerRepository, keyString } from '../customers/customer.repository.js';
import { contactChanges, lookupKey, normaliseEmail, normalisePhone, sameCustomer, type ContactChange } from '../customers/customer-identity.js';
import { customerMail } from '../customers/customer-mail.js';
import { OutboxService, type OutboxMail } from '../../notifications/outbox.service.js';
import { userActor, type NewEvent } from '../timeline.js';
import type { Ticket } from '../ticket.entity.js';
import { TicketRepository } from '../ticket.repository.js';
import { SEVERITY_RANK } from '../ticket-values.js';
import { completeInOrder, type Stage } from '../workflow/ticket-workflow.js';
import { TicketsService } from '../tickets.service.js';
import type { TicketView } from '../ticket.presenter.js';
import type { Vehicle } from '../vehicle.entity.js';
import { VehicleRepository } from '../vehicle.repository.js';
import { TicketLifecycle } from '../ticket-lifecycle.js';
import { event, type EventData } from '../timeline-events.js';

/** Clock skew we forgive when a receivedAt is a moment ahead of our clock. */
const FUTURE_TOLERANCE_MS = 60_000;

export type CreatedTicket = TicketView & { trackingUrl: string };

/** Logging a complaint: the ticket, its customer, and what was already done on the spot, in one transaction. */
@Injectable()
export class IntakeService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly timers: SlaTimersService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dealers: DealerRepository,
    private readonly ticketRows: TicketRepository,
    private readonly customers: CustomerRepository,
    private readonly vehicles: VehicleRepository,
    private readonly compensations: CompensationRepository,
    // Last and defaulted, so specs that build the service by hand need not know of it.
    private readonly lifecycle: TicketLifecycle = new TicketLifecycle(),
  ) {}

  async create(actor: Actor, dto: CreateTicketDto): Promise<CreatedTicket> {
    const { ticketId, token } = await this.uow.run((m) => this.createIn(m, actor, dto), 'intake');
    const view = await this.tickets.viewById(ticketId);
    return { ...view, trackingUrl: `${this.config.publicUrl}/track/${token}` };
  }

  /**
   * The same, inside the caller's transaction, for callers that write more in it (a survey
   * response and the ticket it opens). Returns the new ticket's id, reference and token.
   */
  async createIn(m: EntityManager, actor: Actor, dto: CreateTicketDto, origin: IntakeOrigin = {}): Promise<CreatedIn> {
    const [checked] = await this.check(m, actor, [{ dto, origin }]);
    if (checked instanceof DomainError) throw checked;
    return (await this.write(m, actor, [checked]))[0]!;
  }

  /**
   * Several tickets (an import's negative rows), each checked on its own: a refused one
   * writes nothing and costs only itself. Reads only; `write` then writes the accepted ones.
   */
  async check(m: EntityManager, actor: Actor, items: { dto: CreateTicketDto; origin?: IntakeOrigin }[]): Promise<(CheckedIntake | DomainError)[]> {
    // Everything inside goes through the caller's transaction (m): asking the pool for a
    // second connection here would deadlock once every pooled connection waits the same way.
    const ids = [...new Set(items.filter((i) => inScope(actor, i.dto.dealerId)).map((i) => i.dto.dealerId))];
    if (!ids.length) return items.map(() => new DomainError('ticket.dealer.forbidden', 'dealerId: you may not log tickets for this dealer'));
    const dealers = new Map((await this.dealers.byIds(m, ids)).map((d) => [d.id, d]));
    const plan = await this.timers.planner(m);
    const now = this.clock.now();
    return items.map(({ dto, origin = {} }) => {
      try {
        return checkOne(actor, dto, origin, dealers.get(dto.dealerId), plan, now);
      } catch (e) {
        if (e instanceof DomainError) return e;
        throw e;
      }
    });
  }

  /**
   * The checked tickets in a few multi-row statements, in order: the same rows, events and
   * mails as logging them one after another (a returning customer met twice is taken up
   * the second time as it stands after the first).
   */
  async write(m: EntityManager, actor: Actor, checked: CheckedIntake[]): Promise<CreatedIn[]> {
    if (!checked.length) return [];
    const now = checked[0]!.now;
    const customers = await upsertCustomers(this.customers, m, checked, now);
    const vehicles = await upsertVehicles(this.vehicles, m, checked, customers, now);
    const refs = await this.ticketRows.nextRefs(m, now.getUTCFullYear(), checked.length);
    const tickets: Ticket[] = [];
    const compensations: Compensation[] = [];
    const timeline: { ticketId: string; events: NewEvent[] }[] = [];
    const mails: OutboxMail[] = [];
    const created: CreatedIn[] = [];
    for (const [i, c] of checked.entries()) {
      const { dto, dealer, sla } = c;
      const { customer, changes } = customers[i]!;
      const token = randomToken();
      const ticket: Ticket = {
        id: c.id,
        ref: refs[i]!,
        dealerId: dealer.id,
        customerId: customer.id,
        vehicleId: vehicles[i]?.id ?? null,
        department: dto.department,
        category: dto.category,
        channel: dto.channel,
        severity: dto.severity,
        severityRank: SEVERITY_RANK[dto.severity],
        account: dto.account.trim(),
        desiredOutcome: dto.desiredOutcome?.trim() || null,
        saleAtRisk: dto.saleAtRisk !== undefined,
        saleAtRiskModel: dto.saleAtRisk?.model ?? null,
        saleAtRiskAmount: dto.saleAtRisk?.value?.amount ?? null,
        saleAtRiskCurrency: dto.saleAtRisk?.value?.currency ?? null,
        receivedAt: c.receivedAt,
        createdAt: now,
        updatedAt: now,
        stage: c.stage,
        status: 'open',
        assigneeId: null,
        escalationLevel: 0,
        trackingTokenHash: hashToken(token),
        sourceSurveyResponseId: c.origin.sourceSurveyResponseId ?? null,
        nextDueAt: sla.nextDueAt,
        slaState: sla.slaState as Ticket['slaState'],
        outcome: null,
        closedAt: null,
        rootCause: null,
        fixedAt: null,
        resolvedAt: null,
        reopenCount: 0,
        followUpScore: null,
        version: 1,
      };
      tickets.push(ticket);
      const events: NewEvent[] = [
        event('created', { channel: dto.channel, department: dto.department, category: dto.category, severity: dto.severity, saleAtRisk: ticket.saleAtRisk, ...c.origin.createdData }),
        ...c.stageEvents,
      ];
      // A known customer's new name or phone is recorded, old and new, never taken silently.
      if (changes.length) events.push(event('customer-changed', { customerId: customer.id, via: 'intake', changes }));
      const comp = dto.onTheSpot?.compensation;
      if (comp) {
        const given = onTheSpotCompensation(actor, ticket.id, comp, dealerApprovalLimits(dealer), now);
        compensations.push(given.row);
        events.push(given.event);
      }
      timeline.push({ ticketId: ticket.id, events });
      // The receipt says by when they will hear from us, written out when it is sent.
      const promise = sla.nextDueAt ? { promisedAtIso: sla.nextDueAt.toISOString(), timeZone: dealer.timeZone } : {};
      const mail = customerMail(ticket, 'receipt', customer, dealer, promise);
      if (mail) mails.push(mail);
      created.push({ ticketId: ticket.id, ref: ticket.ref, token });
    }
    await this.ticketRows.insertMany(m, tickets);
    await this.timers.insert(m, checked.flatMap((c) => c.sla.timers));
    if (compensations.length) await this.compensations.insertMany(m, compensations);
    await this.ticketRows.appendEvents(m, userActor(actor), now, timeline);
    if (mails.length) await this.outbox.enqueueMany(m, now, mails);
    await this.lifecycle.opened(m, tickets, now);
    return created;
  }
}

export type IntakeOrigin = { sourceSurveyResponseId?: string; createdData?: Record<string, unknown> };
export type CreatedIn = { ticketId: string; ref: string; token: string };

/** A ticket that passed every check, with what the checks worked out; nothing written yet. */
export interface CheckedIntake {
  id: string;
  dto: CreateTicketDto;
  origin: IntakeOrigin;
  dealer: Dealer;
  now: Date;
  receivedAt: Date;
  stage: Stage;
  stageEvents: NewEvent[];
  sla: PlannedTimers;
}

/** The checks of one ticket, in the order they have always run; throws the first refusal. */
function checkOne(actor: Actor, dto: CreateTicketDto, origin: IntakeOrigin, dealer: Dealer | undefined, plan: Awaited<ReturnType<SlaTimersService['planner']>>, now: Date): CheckedIntake {
  if (!inScope(actor, dto.dealerId)) throw new DomainError('ticket.dealer.forbidden', 'dealerId: you may not log tickets for this dealer');
  if (!dealer) throw new DomainError('ticket.dealer-id.invalid', `dealerId: no dealer ${dto.dealerId}`);
  const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
  const problems: string[] = [];
  if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.push('receivedAt may not lie in the future');
  if (!dealer.departments.includes(dto.department)) problems.push(`department must be one of ${dealer.departments.join(', ')}`);
  const comp = dto.onTheSpot?.compensation;
  if (comp && comp.value.currency !== dealer.currency) problems.push(`onTheSpot.compensation.value.currency must be ${dealer.currency}, the dealer's currency`);
  if (problems.length) throw new DomainError('ticket.invalid', problems.join('; '), problems);
  const { stage, events: stageEvents } = onTheSpotStages(dto);
  // The clocks start when the customer complained; what was done on the spot met its
  // deadlines then. Planned before anything is written, so the ticket goes in with its SLA fields.
  const id = randomUUID();
  const met = stageEvents.map((e) => (e.type === 'stage-completed' ? TARGET_OF_STAGE[e.data.stage] : undefined)).filter((t) => t !== undefined);
  const sla = plan(id, dto, receivedAt, zonedCalendar(dealer), met, now);
  return { id, dto, origin, dealer, now, receivedAt, stage, stageEvents, sla };
}

/** The stages completed on the spot, checked against the workflow so none is skipped. */
function onTheSpotStages(dto: CreateTicketDto): { stage: Stage; events: NewEvent[] } {
  const done: { stage: Stage; data: Omit<EventData['stage-completed'], 'stage'> }[] = [];
  if (dto.onTheSpot?.listened) done.push({ stage: 'listen', data: { contactedVia: 'in-person' } });
  if (dto.onTheSpot?.apology) done.push({ stage: 'apologise', data: { by: dto.onTheSpot.apology.by, how: dto.onTheSpot.apology.how } });
  const { state, check } = completeInOrder({ stage: 'listen', status: 'open' }, done.map((d) => d.stage));
  if (!check.ok) throw new DomainError(check.code, `onTheSpot: ${check.message}`);
  return {
    stage: state.stage,
    events: done.map((d) => event('stage-completed', { stage: d.stage, onTheSpot: true, ...d.data })),
  };
}

/**
 * Given on the spot: delivered when within the actor's limit at this dealer, otherwise proposed
 * and waiting for approval, as a compensation offered later would. The ticket is new, so
 * nothing counts against the limit yet.
 */
function onTheSpotCompensation(
  actor: Actor,
  ticketId: string,
  comp: NonNullable<NonNullable<CreateTicketDto['onTheSpot']>['compensation']>,
  limits: ApprovalLimits,
  now: Date,
): { row: Compensation; event: NewEvent } {
  const approved = withinLimit(actor.role, comp.value.amount, limits);
  const row = newCompensation(ticketId, actor, comp, now, { approved, delivered: approved });
  const data = { compensationId: row.id, kind: row.kind, value: comp.value, note: row.note, onTheSpot: true };
  return {
    row,
    event: approved ? event('compensation-delivered', data) : event('compensation-proposed', { ...data, awaitingApproval: true }),
  };
}

/**
 * Each ticket's customer: the dealer's customer with this e-mail (or, when neither has one,
 * this phone), or a new one. Never found by vehicle or by a phone someone with an address
 * uses: see customer-identity.ts. A name or phone the known customer now gives is taken, and
 * returned as changes for the ticket's timeline. One read per dealer; tickets are taken in
 * order, a later one meeting the customer as the earlier left them; each customer then
 * written once, as they end up (only the columns that changed of a known one).
 */
async function upsertCustomers(customers: CustomerRepository, m: EntityManager, checked: CheckedIntake[], now: Date): Promise<{ customer: Customer; changes: ContactChange[]; isNew: boolean }[]> {
  const inputs = checked.map(({ dto, dealer }) => {
    const email = normaliseEmail(dto.customer.email);
    const phone = normalisePhone(dto.customer.phone);
    return { dealer, input: dto.customer, email, phone, key: lookupKey({ email, phone }) };
  });
  const known = new Map<string, Customer>(); // dealer + key → the customer as it stands now
  for (const dealerId of new Set(inputs.filter((i) => i.key).map((i) => i.dealer.id))) {
    const keys = inputs.filter((i) => i.key && i.dealer.id === dealerId).map((i) => i.key!);
    for (const [key, c] of await customers.byKeys(m, dealerId, keys)) known.set(`${dealerId} ${key}`, c);
  }
  const read = new Map<string, Customer>(); // id → as read, for the UPDATE of what changed
  const fresh = new Map<string, Customer>(); // id → a new customer, as it ends up
  const out = inputs.map(({ dealer, input, email, phone, key }) => {
    const at = key ? `${dealer.id} ${keyString(key)}` : null;
    const found = at ? (known.get(at) ?? null) : null;
    const existing = found && sameCustomer(found, { email, phone }) ? found : null;
    const customer: Customer = existing ? { ...existing } : {
      id: randomUUID(),
      dealerId: dealer.id,
      name: input.name.trim(),
      email,
      phone,
      language: input.language ?? dealer.language,
      styleOutgoing: null,
      styleFactsFirst: null,
      consent: true,
      createdAt: now,
    };
    const before = { name: customer.name, email: customer.email, phone: customer.phone };
    customer.name = input.name.trim();
    customer.phone = phone ?? customer.phone;
    if (input.language) customer.language = input.language;
    if (input.style) {
      customer.styleOutgoing = input.style.outgoing;
      customer.styleFactsFirst = input.style.factsFirst;
    }
    if (input.consent !== undefined) customer.consent = input.consent;
    if (existing && !read.has(existing.id) && !fresh.has(existing.id)) read.set(existing.id, existing);
    if (!existing || fresh.has(existing.id)) fresh.set(customer.id, customer);
    if (at) known.set(at, customer);
    return { customer, changes: existing ? contactChanges(before, customer) : [] };
  });
  // As each ends up: the last state met of every customer.
  const last = new Map(out.map((o) => [o.customer.id, o.customer]));
  if (fresh.size) await customers.insertMany(m, [...fresh.keys()].map((id) => last.get(id)!));
  for (const [id, before] of read) await customers.updateChanged(m, before, last.get(id)!);
  return out.map((o) => ({ ...o, isNew: fresh.has(o.customer.id) }));
}

/** Each ticket's vehicle, if it names one: the customer's vehicle with this VIN, or a new one; the same order and writing as customers. */
async function upsertVehicles(vehicles: VehicleRepository, m: EntityManager, checked: CheckedIntake[], owners: { customer: Customer; isNew: boolean }[], now: Date): Promise<(Vehicle | null)[]> {
  const wanted = checked.map(({ dto }, i) => (dto.vehicle ? { input: dto.vehicle, customerId: owners[i]!.customer.id, isNew: owners[i]!.isNew, vin: dto.vehicle.vin?.toUpperCase() ?? null } : null));
  // Only customers already known can have vehicles already.
  const pairs = wanted.flatMap((w) => (w?.vin && !w.isNew ? [{ customerId: w.customerId, vin: w.vin }] : []));
  const known = await vehicles.byVins(m, pairs);
  const read = new Map<string, Vehicle>();
  const made = new Set<string>();
  const out = wanted.map((w) => {
    if (!w) return null;
    const at = w.vin ? `${w.customerId} ${w.vin}` : null;
    const existing = at ? (known.get(at) ?? null) : null;
    const vehicle: Vehicle = existing ? { ...existing } : { id: randomUUID(), customerId: w.customerId, registration: null, vin: w.vin, model: null, createdAt: now };
    vehicle.registration = w.input.registration?.trim() ?? vehicle.registration;
    vehicle.model = w.input.model?.trim() ?? vehicle.model;
    if (existing && !read.has(existing.id) && !made.has(existing.id)) read.set(existing.id, existing);
    if (!existing || made.has(existing.id)) made.add(vehicle.id);
    if (at) known.set(at, vehicle);
    return vehicle;
  });
  const last = new Map(out.flatMap((v) => (v ? [[v.id, v] as const] : [])));
  if (made.size) await vehicles.insertMany(m, [...made].map((id) => last.get(id)!));
  for (const [id, before] of read) await vehicles.updateChanged(m, before, last.get(id)!);
  return out;
}
