import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { inScope, type Actor } from '../users/roles.js';
import { Ticket } from './ticket.entity.js';
import { appendEvents, userActor, type EventActor, type NewEvent } from './timeline.js';

/** What a change does: fields of the ticket to set, and the events that record it. */
export interface Change {
  patch?: Partial<Pick<Ticket, 'stage' | 'status' | 'assigneeId' | 'escalationLevel' | 'outcome' | 'closedAt' | 'nextDueAt' | 'slaState'>>;
  events: NewEvent[];
}

export interface ChangeContext {
  ticket: Ticket;
  m: EntityManager;
  now: Date;
}

/**
 * The one path every change to a ticket takes: in one transaction it locks the ticket,
 * checks the caller's scope, lets the change decide (it may refuse with a DomainError),
 * writes the ticket with a new version and appends the timeline events.
 */
@Injectable()
export class TicketTransitionsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async apply(actor: Actor | null, ref: string, decide: (ctx: ChangeContext) => Promise<Change> | Change, as?: EventActor): Promise<Ticket> {
    return this.uow.run(async (m) => {
      const qb = m.createQueryBuilder(Ticket, 't').where('t.ref = :ref', { ref });
      if (m.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
      const ticket = await qb.getOne();
      if (!ticket) throw new DomainError('ticket.not-found', `No ticket ${ref}`);
      if (actor && !inScope(actor, ticket.dealerId)) throw new DomainError('ticket.forbidden', `You may not change ticket ${ref}`);
      const now = this.clock.now();
      const change = await decide({ ticket, m, now });
      const patch = { ...change.patch, updatedAt: now, version: ticket.version + 1 };
      await m.update(Ticket, { id: ticket.id }, patch);
      await appendEvents(m, ticket.id, as ?? (actor ? userActor(actor) : { type: 'system', id: null, name: 'Amends' }), now, change.events);
      return Object.assign(ticket, patch);
    });
  }
}
