import { randomUUID } from 'node:crypto';
import type { Actor } from '../../users/roles.js';
import type { OnTheSpotCompensationDto } from '../intake/create-ticket.dto.js';
import type { Compensation } from './compensation.entity.js';

/** A new compensation row: approved by its proposer when within their limit, and delivered at once when given on the spot. */
export function newCompensation(ticketId: string, actor: Actor, dto: OnTheSpotCompensationDto, now: Date, opts: { approved: boolean; delivered: boolean }): Compensation {
  return {
    id: randomUUID(),
    ticketId,
    kind: dto.kind,
    amount: dto.value.amount,
    currency: dto.value.currency,
    note: dto.note ?? null,
    state: opts.delivered ? 'delivered' : opts.approved ? 'approved' : 'proposed',
    proposedById: actor.id,
    decidedById: opts.approved ? actor.id : null,
    approvedByRole: opts.approved ? actor.role : null,
    decidedAt: opts.approved ? now : null,
    deliveredAt: opts.delivered ? now : null,
    createdAt: now,
  };
}
