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
import { SlaTimersService } from '../../sla/sla-timers.service.js';
import { zonedCalendar } from '../../sla/zoned-calendar.js';
import { inScope, type Actor } from '../../users/roles.js';
import { withinLimit, type ApprovalLimits } from '../../dealers/approval-limits.js';
import { dealerApprovalLimits } from '../../dealers/dealers.service.js';
import { CompensationRepository } from '../compensations/compensation.repository.js';
import { newCompensation } from '../compensations/new-compensation.js';
import type { CreateTicketDto, CustomerInputDto, VehicleInputDto } from './create-ticket.dto.js';
import type { Customer } from '../customers/customer.entity.js';
import { CustomerRepository } from '../customers/customer.repository.js';
import { contactChanges, lookupKey, normaliseEmail, normalisePhone, sameCustomer, type ContactChange } from '../customers/customer-identity.js';
import { enqueueCustomerMail } from '../customers/customer-mail.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { userActor, type NewEvent } from '../timeline.js';
import type { Ticket } from '../ticket.entity.js';
import { TicketRepository } from '../ticket.repository.js';
import { SEVERITY_RANK } from '../ticket-values.js';
import { completeInOrder, type Stage } from '../workflow/ticket-workflow.js';
import { TicketsService } from '../tickets.service.js';
import type { TicketView } from '../ticket.presenter.js';
import type { Vehicle } from '../vehicle.entity.js';
import { VehicleRepository } from '../vehicle.repository.js';
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
  ) {}

  async create(actor: Actor, dto: CreateTicketDto): Promise<CreatedTicket> {
    const { ticketId, token } = await this.uow.run((m) => this.createIn(m, actor, dto));
    const view = await this.tickets.viewById(ticketId);
    return { ...view, trackingUrl: `${this.config.publicUrl}/track/${token}` };
  }

  /**
   * The same, inside the caller's transaction, for callers that write more in it (a survey
   * response and the ticket it opens). Returns the new ticket's id, reference and token.
   */
  async createIn(m: EntityManager, actor: Actor, dto: CreateTicketDto, origin: { sourceSurveyResponseId?: string; createdData?: Record<string, unknown> } = {}): Promise<{ ticketId: string; ref: string; token: string }> {
    if (!inScope(actor, dto.dealerId)) throw new DomainError('ticket.dealer.forbidden', 'dealerId: you may not log tickets for this dealer');
    // Everything inside goes through the caller's transaction (m): asking the pool for a
    // second connection here would deadlock once every pooled connection waits the same way.
    const dealer = await this.dealers.find(m, dto.dealerId);
    if (!dealer) throw new DomainError('ticket.dealer-id.invalid', `dealerId: no dealer ${dto.dealerId}`);
    const now = this.clock.now();
    const receivedAt = dto.receivedAt ? new Date(dto.receivedAt) : now;
    const problems: string[] = [];
    if (receivedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) problems.push('receivedAt may not lie in the future');
    if (!dealer.departments.includes(dto.department)) problems.push(`department must be one of ${dealer.departments.join(', ')}`);
    const comp = dto.onTheSpot?.compensation;
    if (comp && comp.value.currency !== dealer.currency) problems.push(`onTheSpot.compensation.value.currency must be ${dealer.currency}, the dealer's currency`);
    if (problems.length) throw new DomainError('ticket.invalid', problems.join('; '), problems);

    const { stage, events: stageEvents } = onTheSpotStages(dto);
    const token = randomToken();

    {
      const { customer, changes } = await upsertCustomer(this.customers, m, dealer.id, dealer.language, dto.customer, now);
      const vehicle = dto.vehicle ? await upsertVehicle(this.vehicles, m, customer.id, dto.vehicle, now) : null;
      const ticket: Ticket = {
        id: randomUUID(),
        ref: await this.ticketRows.nextRef(m, now.getUTCFullYear()),
        dealerId: dealer.id,
        customerId: customer.id,
        vehicleId: vehicle?.id ?? null,
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
        receivedAt,
        createdAt: now,
        updatedAt: now,
        stage,
        status: 'open',
        assigneeId: null,
        escalationLevel: 0,
        trackingTokenHash: hashToken(token),
        sourceSurveyResponseId: origin.sourceSurveyResponseId ?? null,
        nextDueAt: null,
        slaState: null,
        outcome: null,
        closedAt: null,
        rootCause: null,
        resolvedAt: null,
        reopenCount: 0,
        followUpScore: null,
        version: 1,
      };
      await this.ticketRows.insert(m, ticket);
      // The clocks start when the customer complained; what was done on the spot meets its deadlines now.
      const calendar = zonedCalendar(dealer);
      await this.timers.start(m, ticket.id, ticket, receivedAt, calendar);
      const met = stageEvents.map((e) => (e.type === 'stage-completed' ? TARGET_OF_STAGE[e.data.stage] : undefined)).filter((t) => t !== undefined);
      // Work done on the spot was done when the customer complained.
      await this.timers.apply(m, ticket.id, met.map((target) => ({ op: 'meet', target })), receivedAt, async () => calendar);
      const sla = await this.timers.summary(m, ticket.id, now);
      await this.ticketRows.write(m, ticket.id, { slaState: sla.slaState as Ticket['slaState'], nextDueAt: sla.nextDueAt });

      const events: NewEvent[] = [
        event('created', { channel: dto.channel, department: dto.department, category: dto.category, severity: dto.severity, saleAtRisk: ticket.saleAtRisk, ...origin.createdData }),
        ...stageEvents,
      ];
      // A known customer's new name or phone is recorded, old and new, never taken silently.
      if (changes.length) events.push(event('customer-changed', { customerId: customer.id, via: 'intake', changes }));
      if (comp) events.push(await recordOnTheSpotCompensation(this.compensations, m, actor, ticket.id, comp, dealerApprovalLimits(dealer), now));
      await this.ticketRows.appendEvents(m, userActor(actor), now, [{ ticketId: ticket.id, events }]);
      // The receipt says by when they will hear from us, written out when it is sent.
      const promise = sla.nextDueAt ? { promisedAtIso: sla.nextDueAt.toISOString(), timeZone: dealer.timeZone } : {};
      await enqueueCustomerMail(this.outbox, m, ticket, 'receipt', now, promise, undefined, { customer, dealer });
      return { ticketId: ticket.id, ref: ticket.ref, token };
    }
  }
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
async function recordOnTheSpotCompensation(
  compensations: CompensationRepository,
  m: EntityManager,
  actor: Actor,
  ticketId: string,
  comp: NonNullable<NonNullable<CreateTicketDto['onTheSpot']>['compensation']>,
  limits: ApprovalLimits,
  now: Date,
): Promise<NewEvent> {
  const approved = withinLimit(actor.role, comp.value.amount, limits);
  const row = newCompensation(ticketId, actor, comp, now, { approved, delivered: approved });
  await compensations.insert(m, row);
  const data = { compensationId: row.id, kind: row.kind, value: comp.value, note: row.note, onTheSpot: true };
  return approved
    ? event('compensation-delivered', data)
    : event('compensation-proposed', { ...data, awaitingApproval: true });
}

/**
 * The dealer's customer with this e-mail (or, when neither has one, this phone), or a new
 * one. Never found by vehicle or by a phone someone with an address uses: see
 * customer-identity.ts. A name or phone the known customer now gives is taken, and
 * returned as changes for the ticket's timeline.
 */
async function upsertCustomer(customers: CustomerRepository, m: EntityManager, dealerId: string, dealerLanguage: string, input: CustomerInputDto, now: Date): Promise<{ customer: Customer; changes: ContactChange[] }> {
  const email = normaliseEmail(input.email);
  const phone = normalisePhone(input.phone);
  const key = lookupKey({ email, phone });
  const found = key ? await customers.byKey(m, dealerId, key) : null;
  const existing = found && sameCustomer(found, { email, phone }) ? found : null;
  const customer: Customer = existing ? { ...existing } : {
    id: randomUUID(),
    dealerId,
    name: input.name.trim(),
    email,
    phone,
    language: input.language ?? dealerLanguage,
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
  // insert or update by what we know (save() would read the row back first); only what changed.
  if (existing) await customers.updateChanged(m, existing, customer);
  else await customers.insert(m, customer);
  return { customer, changes: existing ? contactChanges(before, customer) : [] };
}

async function upsertVehicle(vehicles: VehicleRepository, m: EntityManager, customerId: string, input: VehicleInputDto, now: Date): Promise<Vehicle> {
  const vin = input.vin?.toUpperCase() ?? null;
  const existing = vin ? await vehicles.byVin(m, customerId, vin) : null;
  const vehicle: Vehicle = existing ? { ...existing } : { id: randomUUID(), customerId, registration: null, vin, model: null, createdAt: now };
  vehicle.registration = input.registration?.trim() ?? vehicle.registration;
  vehicle.model = input.model?.trim() ?? vehicle.model;
  if (existing) await vehicles.updateChanged(m, existing, vehicle);
  else await vehicles.insert(m, vehicle);
  return vehicle;
}
