import { Injectable } from '@nestjs/common';
import { Not } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import type { Actor } from '../../users/roles.js';
import { Customer } from './customer.entity.js';
import { contactChanges, normaliseEmail, normalisePhone, type Contact } from './customer-identity.js';
import { readdressCustomerMails } from './customer-mail.js';
import type { TicketView } from '../ticket.presenter.js';
import { TicketsService } from '../tickets.service.js';
import type { UpdateCustomerDto } from './update-customer.dto.js';
import { TicketTransitionsService } from '../workflow/ticket-transitions.service.js';
import { event } from '../timeline-events.js';

/**
 * Staff correcting a customer's name, e-mail or phone, from one of their tickets. It goes
 * the transition path, so the ticket's timeline says what changed, old and new, and who
 * changed it; mails still waiting to go to the old address go to the new one.
 */
@Injectable()
export class CustomerContactService {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly tickets: TicketsService,
    private readonly outbox: OutboxService,
  ) {}

  async update(actor: Actor, ref: string, dto: UpdateCustomerDto): Promise<TicketView> {
    if (dto.name === undefined && dto.email === undefined && dto.phone === undefined) {
      throw new DomainError('customer.invalid', 'name, email or phone must be given', ['name, email or phone must be given']);
    }
    const { ticket } = await this.transitions.apply({ actor }, ref, async ({ ticket, m }) => {
      const customer = await m.findOneByOrFail(Customer, { id: ticket.customerId });
      const after: Contact = {
        name: dto.name === undefined ? customer.name : dto.name.trim(),
        email: dto.email === undefined ? customer.email : normaliseEmail(dto.email),
        phone: dto.phone === undefined ? customer.phone : normalisePhone(dto.phone),
      };
      const problems: string[] = [];
      if (!after.name) problems.push('name must not be blank');
      if (!after.email && !after.phone) problems.push('email or phone must remain: the customer needs a way to be reached');
      if (problems.length) throw new DomainError('customer.invalid', problems.join('; '), problems);
      const changes = contactChanges(customer, after);
      if (!changes.length) return { events: [] };
      // The address is who the customer is (customer-identity.ts): two customers may not share one.
      if (after.email && after.email !== customer.email && (await m.existsBy(Customer, { dealerId: customer.dealerId, email: after.email, id: Not(customer.id) }))) {
        throw new DomainError('customer.email.conflict', 'email: another customer of this dealer has this address', ['email: another customer of this dealer has this address']);
      }
      await m.update(Customer, { id: customer.id }, after);
      if (customer.email && after.email !== customer.email) await readdressCustomerMails(this.outbox, m, customer.id, customer.email, after.email ? { email: after.email, name: after.name } : null);
      return { events: [event('customer-changed', { customerId: customer.id, via: 'staff', changes })] };
    });
    return this.tickets.viewById(ticket.id);
  }
}
