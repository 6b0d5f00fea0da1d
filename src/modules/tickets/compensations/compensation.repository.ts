import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { Granted } from '../../dealers/approval-limits.js';
import { Compensation } from './compensation.entity.js';
import { insertPlainRows } from '../../../common/database/insert-rows.js';

/**
 * The compensations' SQL, inside the ticket's transaction (the manager the transition path
 * passes); service specs swap it for an in-memory one.
 */
@Injectable()
export class CompensationRepository {
  async insert(m: EntityManager, row: Compensation): Promise<void> {
    // Every value is built by the caller: nothing to read back.
    await insertPlainRows(m, Compensation, [row]);
  }

  async insertMany(m: EntityManager, rows: Compensation[]): Promise<void> {
    await insertPlainRows(m, Compensation, rows);
  }

  /** A compensation of this ticket, or null (one of another ticket is as unknown). */
  onTicket(m: EntityManager, id: string, ticketId: string): Promise<Compensation | null> {
    return m.findOneBy(Compensation, { id, ticketId });
  }

  async save(m: EntityManager, c: Compensation): Promise<void> {
    await m.save(Compensation, c);
  }

  /** The ticket's compensations that count against a limit: approved or delivered, with the role that approved each. */
  async granted(m: EntityManager, ticketId: string): Promise<Granted[]> {
    const rows = await m.find(Compensation, { select: { amount: true, approvedByRole: true }, where: { ticketId, state: In(['approved', 'delivered']) } });
    return rows.map((r) => ({ role: r.approvedByRole, amount: r.amount }));
  }
}
