import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { DomainError } from '../../common/errors/domain-error.js';
import { SurveyResponse } from '../surveys/survey-response.entity.js';
import { Customer } from '../tickets/customers/customer.entity.js';
import { lookupKey, normaliseEmail, normalisePhone, sameCustomer } from '../tickets/customers/customer-identity.js';
import { STYLE_GUIDANCE, styleColour } from '../tickets/pages/communication-style.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { inScope, type Actor } from '../users/roles.js';
import { ContactsService, type ContactView } from './contacts.service.js';

export interface CustomerHistory {
  customer: { id: string; dealerId: string; name: string; email: string | null; phone: string | null; language: string; consent: boolean; style: string | null; styleAdvice: string[] };
  tickets: { ref: string; department: string; category: string; stage: string; status: string; outcome: string | null; rootCause: string | null; followUpScore: number | null; receivedAt: string; closedAt: string | null }[];
  contacts: ContactView[];
  surveyAnswers: { respondedAt: string; negative: boolean; ticketRef: string | null; answers: unknown[] }[];
  saleAtRisk: { ref: string; model: string | null; amount: number | null; currency: string | null; outcome: string | null; status: string }[];
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
  ) {}

  async history(actor: Actor, id: string): Promise<CustomerHistory> {
    const m = this.dataSource.manager;
    const customer = await m.findOneBy(Customer, { id });
    if (!customer || !inScope(actor, customer.dealerId)) throw customerNotFound(id);
    const tickets = await m.find(Ticket, { where: { customerId: id }, order: { receivedAt: 'DESC', id: 'ASC' } });
    const responses = await m.find(SurveyResponse, { where: { customerId: id, dealerId: customer.dealerId }, order: { respondedAt: 'DESC' } });
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
      surveyAnswers: responses.map((r) => ({ respondedAt: r.respondedAt.toISOString(), negative: r.negative, ticketRef: r.ticketRef, answers: r.answers })),
      saleAtRisk: tickets.filter((t) => t.saleAtRisk).map((t) => ({ ref: t.ref, model: t.saleAtRiskModel, amount: t.saleAtRiskAmount, currency: t.saleAtRiskCurrency, outcome: t.outcome, status: t.status })),
    };
  }

  /**
   * The dealer's known customer with this e-mail (or phone, among those without one), by
   * intake's own rule, with their tickets counted; null when none, or the dealer is not the
   * caller's (so nothing of another dealer's customers can be enumerated).
   */
  async returning(actor: Actor, dealerId: string, input: { email?: string; phone?: string }): Promise<{ customerId: string; earlier: number; open: number } | null> {
    if (!inScope(actor, dealerId)) return null;
    const email = normaliseEmail(input.email);
    const phone = normalisePhone(input.phone);
    const key = lookupKey({ email, phone });
    if (!key) return null;
    const m = this.dataSource.manager;
    const found = await m.findOne(Customer, { where: 'email' in key ? { dealerId, email: key.email } : { dealerId, phone: key.phone, email: IsNull() }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (!found || !sameCustomer(found, { email, phone })) return null;
    const tickets = await m.find(Ticket, { select: { id: true, status: true }, where: { customerId: found.id } });
    return { customerId: found.id, earlier: tickets.length, open: tickets.filter((t) => t.status !== 'closed').length };
  }
}
