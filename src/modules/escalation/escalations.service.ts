import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { OutboxService } from '../notifications/outbox.service.js';
import type { TicketView } from '../tickets/ticket.presenter.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { TicketTransitionsService } from '../tickets/workflow/ticket-transitions.service.js';
import type { Actor } from '../users/roles.js';
import { Escalation, insertEscalation } from './escalation.entity.js';
import { LADDER, mayAcknowledge } from './escalation-ladder.js';
import { levelRecipients, ticketMailData, ticketStaff } from './escalation-mail.js';
import { event } from '../tickets/timeline-events.js';

/** The last level of the ladder (principal): nothing escalates past it. */
export const TOP_ESCALATION_LEVEL = 3;

/** Escalation by hand, and acknowledging an escalation; both through the ticket's transition path. */
@Injectable()
export class EscalationsService {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly tickets: TicketsService,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async escalate(actor: Actor, ref: string, reason: string): Promise<TicketView> {
    const { ticket } = await this.transitions.apply({ actor }, ref, async ({ ticket, m, now }) => {
      if (ticket.status === 'closed') throw new DomainError('ticket.invalid-state', 'A closed ticket cannot be escalated');
      if (ticket.escalationLevel >= TOP_ESCALATION_LEVEL) throw new DomainError('ticket.invalid-state', `The ticket is already at the top escalation level (${TOP_ESCALATION_LEVEL})`);
      const level = (ticket.escalationLevel + 1) as 1 | 2 | 3;
      const escalation = await insertEscalation(m, { ticketId: ticket.id, timerId: null, level, reason, manual: true, createdAt: now });
      const to = await levelRecipients(m, level, ticket);
      const { data } = await ticketMailData(m, ticket, this.config.publicUrl);
      await this.outbox.enqueue(m, now, to, 'manual-escalation', { ...data, level, reason, actorName: actor.name }, ticket.id);
      return {
        patch: { escalationLevel: level },
        events: [event('escalated', { escalationId: escalation.id, level, reason, manual: true, notified: to.map((r) => r.email) })],
      };
    });
    return this.tickets.viewById(ticket.id);
  }

  /** The escalated manager (or someone above them) takes it on; once per escalation. */
  async acknowledge(actor: Actor, ref: string, escalationId: string): Promise<TicketView> {
    const { ticket } = await this.transitions.apply({ actor }, ref, async ({ ticket, m, now }) => {
      const escalation = await m.findOneBy(Escalation, { id: escalationId, ticketId: ticket.id });
      if (!escalation) throw new DomainError('escalation.not-found', `No escalation ${escalationId} on ${ref}`);
      // Only level 1 needs the staff: whether this department manager is the one the ladder picked.
      const staff = escalation.level === 1 && actor.role === LADDER[1] ? await ticketStaff(m, ticket) : [];
      if (!mayAcknowledge(actor, escalation.level, ticket, staff)) {
        const who = escalation.level === 1 ? `the ${ticket.department} department manager` : `a ${LADDER[escalation.level as 2 | 3]}`;
        throw new DomainError('escalation.acknowledge.forbidden', `A level ${escalation.level} escalation is acknowledged by ${who} or a higher role`);
      }
      const claimed = await m
        .createQueryBuilder()
        .update(Escalation)
        .set({ acknowledgedAt: now, acknowledgedById: actor.id, acknowledgedByName: actor.name })
        .where('id = :id AND "acknowledgedAt" IS NULL', { id: escalationId })
        .execute();
      if (claimed.affected !== 1) throw new DomainError('escalation.invalid-state', `Escalation ${escalationId} is already acknowledged`);
      return { events: [event('escalation-acknowledged', { escalationId, level: escalation.level })] };
    });
    return this.tickets.viewById(ticket.id);
  }
}
