import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { CustomerSurveyAnswers } from '../surveys/customer-survey-answers.read-model.js';
import { CustomerRepository } from '../tickets/customers/customer.repository.js';
import { CustomerTickets } from '../tickets/customers/customer-tickets.read-model.js';
import { STYLE_GUIDANCE, styleColour } from '../tickets/pages/communication-style.js';
import { inScope, type Actor } from '../users/roles.js';
import { ContactsService, type ContactView } from './contacts.service.js';

export interface CustomerHistory {
  customer: { id: string; dealerId: string; name: string; email: string | null; phone: string | null; language: string; consent: boolean; style: string | null; styleAdvice: string[] };
  tickets: { ref: string; department: string; category: string; stage: string; status: string; outcome: string | null; rootCause: string | null; followUpScore: number | null; receivedAt: string; closedAt: string | null }[];
  contacts: ContactView[];
  surveyAnswers: { respondedAt: string; negative: boolean; ticketRef: string | null; answers: unknown[] }[];
  saleAtRisk: { ref: string; model: string | null; amount: number | null; currency: string | null; outcome: string | null; status: string }[];
}

/** A returning customer as intake shows them: "2 earlier tickets, 1 open — see history". */
export interface CustomerLookup {
  customerId: string;
  name: string;
  tickets: number;
  open: number;
  url: string;
}

export function customerNotFound(id: string): DomainError {
  return new DomainError('customer.not-found', `No customer ${id}`);
}

/** A customer at a dealer, at a glance: every ticket, the journey, survey answers and sales at risk. */
@Injectable()
export class CustomerHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contacts: ContactsService,
    private readonly customers: CustomerRepository,
    private readonly customerTickets: CustomerTickets,
    private readonly surveyAnswers: CustomerSurveyAnswers,
  ) {}

  async history(actor: Actor, id: string): Promise<CustomerHistory> {
    const m = this.dataSource.manager;
    const [customer] = await this.customers.byIds(m, [id]);
    if (!customer || !inScope(actor, customer.dealerId)) throw customerNotFound(id);
    const tickets = await this.customerTickets.ofCustomer(m, id);
        const colour = customer.styleOutgoing !== null && customer.styleFactsFirst !== null ? styleColour(customer.styleOutgoing, customer.styleFactsFirst) : null;
    return {
      customer: {
        id: customer.id, dealerId: customer.dealerId, name: customer.name, email: customer.email, phone: customer.phone, language: customer.language, consent: customer.consent,
        style: colour ? STYLE_GUIDANCE[colour].label : null, styleAdvice: colour ? STYLE_GUIDANCE[colour].advice : [],
      },
      tickets: tickets.map((t) => ({
        ref: t.ref, department: t.department, category: t.category, stage: t.stage, status: t.status, outcome: t.outcome, rootCause: t.rootCause, followUpScore: t.followUpScore,
        receivedAt: t.receivedAt.toISOString(), closedAt: t.closedAt?.toISOString() ?? null,
      })),
      contacts: await this.contacts.list(actor, { customerId: id }),
      surveyAnswers: await this.surveyAnswers.ofCustomer(m, id, customer.dealerId),
      saleAtRisk: tickets.filter((t) => t.saleAtRisk).map((t) => ({ ref: t.ref, model: t.saleAtRiskModel, amount: t.saleAtRiskAmount, currency: t.saleAtRiskCurrency, outcome: t.outcome, status: t.status })),
    };
  }

  /**
   * For intake, as the e-mail or phone is typed: the dealer's known customer with it, by
   * intake's own rule, with their tickets counted. None, or a dealer not the caller's, is
   * the same not-found (so nothing of another dealer's customers can be enumerated).
   */
  async lookup(actor: Actor, dealerId: string, input: { email?: string; phone?: string }): Promise<CustomerLookup> {
    const found = inScope(actor, dealerId) ? await this.customerTickets.returning(dealerId, input) : null;
    if (!found) throw new DomainError('customer.not-found', 'No customer with this e-mail or phone at the dealer');
    return { customerId: found.customerId, name: found.name, tickets: found.earlier, open: found.open, url: `/customers/${found.customerId}` };
  }
}
