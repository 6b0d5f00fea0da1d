import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error.js';
import { checkApproval, withinLimit } from '../../dealers/approval-limits.js';
import { DealerRepository } from '../../dealers/dealer.repository.js';
import { dealerApprovalLimits } from '../../dealers/dealers.service.js';
import type { Actor } from '../../users/roles.js';
import type { Ticket } from '../ticket.entity.js';
import { compensationView } from '../ticket.presenter.js';
import { TicketTransitionsService } from '../workflow/ticket-transitions.service.js';
import type { Compensation } from './compensation.entity.js';
import { CompensationRepository } from './compensation.repository.js';
import type { ProposeCompensationDto } from './compensation.dto.js';
import { newCompensation } from './new-compensation.js';

export type CompensationView = ReturnType<typeof compensationView>;

/**
 * Compensation: proposed → approved / rejected → delivered. An amount within what is left of
 * the actor's limit on the ticket is approved at once; above it, it waits for someone whose
 * limit covers it (see checkApproval: a limit bounds a role's running total per ticket).
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
          { type: 'compensation-proposed', visibility: 'internal', data: { ...data, awaitingApproval: !approved, ...(overRunningTotal ? { overRunningTotal } : {}) } },
          ...(approved ? [{ type: 'compensation-approved', visibility: 'internal' as const, data: { ...data, withinLimit: true } }] : []),
        ],
      };
    });
    return compensationView(result);
  }

  approve(actor: Actor, ref: string, id: string): Promise<CompensationView> {
    return this.decide(actor, ref, id, async (c, ticket, m, now) => {
      if (c.state !== 'proposed') throw new DomainError('compensation.invalid-state', `Compensation is ${c.state}; only a proposed one can be approved`);
      const limits = dealerApprovalLimits(await this.dealers.byId(m, ticket.dealerId));
      const check = checkApproval(actor.role, c.amount, await this.compensations.granted(m, ticket.id), limits);
      if (!check.ok && check.code === 'compensation.approval.forbidden') {
        throw new DomainError(check.code, `Your approval limit is ${check.limit} ${c.currency}; this needs someone whose limit covers ${c.amount}`);
      }
      if (!check.ok) {
        throw new DomainError(check.code, `Your role has approved ${check.used} ${c.currency} on this ticket already; with ${c.amount} more that is over your limit of ${check.limit} ${c.currency}, so someone with a higher limit must approve it`);
      }
      Object.assign(c, { state: 'approved', decidedById: actor.id, decidedAt: now, approvedByRole: actor.role });
      return 'compensation-approved';
    });
  }

  reject(actor: Actor, ref: string, id: string, reason?: string): Promise<CompensationView> {
    return this.decide(actor, ref, id, async (c, ticket, m, now) => {
      if (c.state !== 'proposed' && c.state !== 'approved') throw new DomainError('compensation.invalid-state', `Compensation is ${c.state}; it can no longer be rejected`);
      const limits = dealerApprovalLimits(await this.dealers.byId(m, ticket.dealerId));
      // The proposer may withdraw; otherwise rejecting takes the same authority as approving.
      if (c.proposedById !== actor.id && !withinLimit(actor.role, c.amount, limits)) {
        throw new DomainError('compensation.approval.forbidden', 'Only the proposer or someone whose limit covers the amount may reject it');
      }
      Object.assign(c, { state: 'rejected', decidedById: actor.id, decidedAt: now });
      return ['compensation-rejected', { reason: reason ?? null }];
    });
  }

  deliver(actor: Actor, ref: string, id: string): Promise<CompensationView> {
    return this.decide(actor, ref, id, async (c, _ticket, _m, now) => {
      if (c.state !== 'approved') throw new DomainError('compensation.invalid-state', `Compensation is ${c.state}; only an approved one can be delivered`);
      Object.assign(c, { state: 'delivered', deliveredAt: now });
      return 'compensation-delivered';
    });
  }

  /** One decision on one compensation: through the ticket's transition path, with its event. */
  private async decide(
    actor: Actor,
    ref: string,
    id: string,
    act: (c: Compensation, ticket: Ticket, m: EntityManager, now: Date) => Promise<string | [string, Record<string, unknown>]>,
  ): Promise<CompensationView> {
    const { result } = await this.transitions.apply<Compensation>({ actor }, ref, async ({ ticket, m, now }) => {
      const c = await this.compensations.onTicket(m, id, ticket.id);
      if (!c) throw new DomainError('compensation.not-found', `No compensation ${id} on ${ref}`);
      const outcome = await act(c, ticket, m, now);
      const [type, extra] = Array.isArray(outcome) ? outcome : [outcome, {}];
      await this.compensations.save(m, c);
      return {
        result: c,
        events: [{
          type,
          visibility: type === 'compensation-delivered' ? 'customer' : 'internal',
          data: { compensationId: c.id, kind: c.kind, value: { amount: c.amount, currency: c.currency }, ...extra },
        }],
      };
    });
    return compensationView(result);
  }
}
