import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Actor } from '../users/roles.js';
import { UsersService } from '../users/users.service.js';
import type { AssignDto, BulkAssignDto, PostMessageDto } from './ticket-actions.dto.js';
import type { Ticket } from './ticket.entity.js';
import { TicketsService } from './tickets.service.js';
import type { TicketView } from './ticket.presenter.js';
import { TicketTransitionsService, type ChangeContext, type Change } from './workflow/ticket-transitions.service.js';
import { event } from './timeline-events.js';

/** Messages and assignment; each one change through the transition path. */
@Injectable()
export class TicketActionsService {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly tickets: TicketsService,
    private readonly users: UsersService,
  ) {}

  async postMessage(actor: Actor, ref: string, dto: PostMessageDto): Promise<TicketView> {
    const { ticket } = await this.transitions.apply({ actor }, ref, ({ ticket }) => {
      if (ticket.status === 'closed' && dto.visibility === 'customer') {
        throw new DomainError('ticket.invalid-state', 'The ticket is closed; reopen it before writing to the customer');
      }
      return {
        events: [{ type: dto.visibility === 'customer' ? 'message-to-customer' : 'note', visibility: dto.visibility, data: { body: dto.body } }],
      };
    });
    return this.tickets.viewById(ticket.id);
  }

  async assign(actor: Actor, ref: string, dto: AssignDto): Promise<TicketView> {
    const { ticket } = await this.transitions.apply({ actor }, ref, (ctx) => this.assignChange(ctx, dto.assigneeId));
    return this.tickets.viewById(ticket.id);
  }

  /** Assigns several tickets in one transaction: if one cannot be assigned, none is. */
  async assignMany(actor: Actor, dto: BulkAssignDto): Promise<{ assigned: string[] }> {
    const refs = [...new Set(dto.refs)];
    const changed = await this.transitions.applyMany({ actor }, refs, (ctx) => this.assignChange(ctx, dto.assigneeId));
    return { assigned: changed.map((t: Ticket) => t.ref) };
  }

  private async assignChange({ ticket, m }: ChangeContext, assigneeId: string): Promise<Change> {
    const assignee = await this.users.findAssignable(assigneeId, ticket.dealerId, m);
    if (!assignee) throw new DomainError('ticket.assignee.invalid', `assigneeId: no active user of ${ticket.ref}'s dealer with id ${assigneeId}`);
    if (ticket.assigneeId === assignee.id) return { events: [] };
    return {
      patch: { assigneeId: assignee.id },
      events: [event('assigned', { assigneeId: assignee.id, assigneeName: assignee.name, previousAssigneeId: ticket.assigneeId })],
    };
  }
}
