import { Injectable } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error.js';
import { checkApproval } from '../../dealers/approval-limits.js';
import { DealerRepository } from '../../dealers/dealer.repository.js';
import { dealerApprovalLimits } from '../../dealers/dealers.service.js';
import type { Actor } from '../../users/roles.js';
import { compensationView } from '../ticket.presenter.js';
import { TicketTransitionsService } from '../workflow/ticket-transitions.service.js';
import type { Compensation } from './compensation.entity.js';
import { CompensationRepository } from './compensation.repository.js';
import type { ProposeCompensationDto } from './compensation.dto.js';
import { newCompensation } from './new-compensation.js';
import { event } from '../timeline-events.js';
import type { NewEvent } from '../timeline.js';
import { moveCompensation, moveFrom, type CompensationEvent } from './compensation-workflow.js';

export type CompensationView = ReturnType<typeof compensationView>;

/**
 * Compensation: proposed → approved / rejected → delivered, as compensation-workflow.ts's
 * table allows. An amount within what is left of the actor's limit on the ticket is approved
 * at once; above it, it waits for someone whose limit covers it (see checkApproval: a limit
 * bounds a role's running total per ticket).
 */
@Injectable()
export class CompensationsService {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly dealers: DealerRepository,
    private readonly compensations: CompensationRepository,
  ) {}

  async propose(actor: Actor, ref: string, dto: ProposeCompensationDto): Promise<CompensationView> {
    const { result } = await this.transitions.apply<Compensation>({ actor }, ref, async ({ ticket, m, now }) => {
      if (ticket.status === 'resolved' || ticket.status === 'closed') {
        throw new DomainError('compensation.invalid-state', `The ticket is ${ticket.status}; reopen it to offer more`);
      }
      const dealer = await this.dealers.byId(m, ticket.dealerId);
      if (dto.value.currency !== dealer.currency) throw new DomainError('compensation.invalid', `value.currency must be ${dealer.currency}, the dealer's currency`);
      const check = checkApproval(actor.role, dto.value.amount, await this.compensations.granted(m, ticket.id), dealerApprovalLimits(dealer));
      const approved = check.ok;
      const row = newCompensation(ticket.id, actor, dto, now, { approved, delivered: false });
      await this.compensations.insert(m, row);
      const data = { compensationId: row.id, kind: row.kind, value: dto.value, note: row.note };
      const overRunningTotal = !check.ok && check.code === 'compensation.over-limit';
      return {
        result: row,
        events: [
          event('compensation-proposed', { ...data, awaitingApproval: !approved, ...(overRunningTotal ? { overRunningTotal } : {}) }),
          ...(approved ? [event('compensation-approved', { ...data, withinLimit: true })] : []),
        ],
      };
    });
    return compensationView(result);
  }

  approve(actor: Actor, ref: string, id: string): Promise<CompensationView> {
    return this.move(actor, ref, id, 'approve', (_c, now) => ({ decidedById: actor.id, decidedAt: now, approvedByRole: actor.role }));
  }

  reject(actor: Actor, ref: string, id: string, reason?: string): Promise<CompensationView> {
    return this.move(actor, ref, id, 'reject', (_c, now) => ({ decidedById: actor.id, decidedAt: now }), reason ?? null);
  }

  deliver(actor: Actor, ref: string, id: string): Promise<CompensationView> {
    return this.move(actor, ref, id, 'deliver', (_c, now) => ({ deliveredAt: now }));
  }

  /** One move of one compensation, as its table allows: through the ticket's transition path, with its event. */
  private async move(
    actor: Actor,
    ref: string,
    id: string,
    move: CompensationEvent,
    effect: (c: Compensation, now: Date) => Partial<Compensation>,
    reason: string | null = null,
  ): Promise<CompensationView> {
    const { result } = await this.transitions.apply<Compensation>({ actor }, ref, async ({ ticket, m, now }) => {
      const c = await this.compensations.onTicket(m, id, ticket.id);
      if (!c) throw new DomainError('compensation.not-found', `No compensation ${id} on ${ref}`);
      const found = moveFrom(c.state, move);
      if (!found.ok) throw new DomainError(found.code, found.message);
      // Authority is read only for a move that has guards to check it.
      const [limits, granted] = found.guarded
        ? [dealerApprovalLimits(await this.dealers.byId(m, ticket.dealerId)), await this.compensations.granted(m, ticket.id)]
        : [{}, []];
      const outcome = moveCompensation(c.state, move, { compensation: c, actor, granted, limits });
      if (!outcome.ok) throw new DomainError(outcome.code, outcome.message);
      Object.assign(c, { state: outcome.to, ...effect(c, now) });
      await this.compensations.save(m, c);
      return { result: c, events: [eventOf(move, c, reason)] };
    });
    return compensationView(result);
  }
}

/** The timeline event a move records. */
function eventOf(move: CompensationEvent, c: Compensation, reason: string | null): NewEvent {
  const data = { compensationId: c.id, kind: c.kind, value: { amount: c.amount, currency: c.currency } };
  switch (move) {
    case 'approve':
      return event('compensation-approved', data);
    case 'reject':
      return event('compensation-rejected', { ...data, reason });
    case 'deliver':
      return event('compensation-delivered', data);
    default:
      return unhandledMove(move);
  }
}

function unhandledMove(move: never): never {
  throw new Error(`Unhandled compensation move ${String(move)}`);
}
