import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import type { Actor } from '../users/roles.js';
import { UsersService } from '../users/users.service.js';
import type { AssignDto, PostMessageDto } from './ticket-actions.dto.js';
import { TicketTransitionsService } from './ticket-transitions.service.js';
import { TicketsService } from './tickets.service.js';
import type { TicketView } from './ticket.presenter.js';

/** Staff actions on a ticket; each is one change through the transition path. */
@Injectable()
export class TicketActionsService {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly tickets: TicketsService,
    private readonly users: UsersService,
  ) {}

  async postMessage(actor: Actor, ref: string, dto: PostMessageDto): Promise<TicketView> {
    const ticket = await this.transitions.apply(actor, ref, ({ ticket }) => {
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
    const ticket = await this.transitions.apply(actor, ref, async ({ ticket }) => {
      const assignee = await this.users.findAssignable(dto.assigneeId, ticket.dealerId);
      if (!assignee) throw new DomainError('ticket.assignee.invalid', `assigneeId: no active user of this ticket's dealer with id ${dto.assigneeId}`);
      if (ticket.assigneeId === assignee.id) return { events: [] };
      return {
        patch: { assigneeId: assignee.id },
        events: [{ type: 'assigned', visibility: 'internal', data: { assigneeId: assignee.id, assigneeName: assignee.name, previousAssigneeId: ticket.assigneeId } }],
      };
    });
    return this.tickets.viewById(ticket.id);
  }
}
