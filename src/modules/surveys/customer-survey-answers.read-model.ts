import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SurveyResponse } from './survey-response.entity.js';

/** A customer's survey responses at a dealer, newest first, for the customer page. */
@Injectable()
export class CustomerSurveyAnswers {
  async ofCustomer(m: EntityManager, customerId: string, dealerId: string) {
    const rows = await m.find(SurveyResponse, { where: { customerId, dealerId }, order: { respondedAt: 'DESC' } });
    return rows.map((r) => ({ respondedAt: r.respondedAt.toISOString(), negative: r.negative, ticketRef: r.ticketRef, answers: r.answers as unknown[] }));
  }
}
