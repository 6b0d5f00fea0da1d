import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type EntityManager } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity.js';
import { User } from '../users/user.entity.js';
import { Improvement, ImprovementEvent, ImprovementTicket } from './improvement.entity.js';
import { OPEN_STATUSES } from './improvement-workflow.js';
import { SUGGEST_MIN_TICKETS, type GroupRow } from './improvement-suggestions.js';

/**
 * The SQL of improvements, and the read model of tickets they need (refs, dealer and fixedAt;
 * tickets are only read here, never changed). Every read is on an index: fixedAt ranges on
 * IDX_tickets_fixed_at / IDX_tickets_fixed_cause, open improvements on IDX_improvements_status_due.
 */
@Injectable()
export class ImprovementRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get m(): EntityManager {
    return this.dataSource.manager;
  }

  byId(id: string, m: EntityManager = this.m): Promise<Improvement | null> {
    return m.findOneBy(Improvement, { id });
  }

  /** Improvements visible to a dealer (theirs and those for all dealers), or every one. */
  list(scope: 'all' | string, f: { status?: string; dealerId?: string; department?: string; ownerId?: string }): Promise<Improvement[]> {
    const qb = this.m.createQueryBuilder(Improvement, 'i').orderBy('i.dueDate', 'ASC').addOrderBy('i.id', 'ASC');
    if (scope !== 'all') qb.andWhere(new Brackets((b) => b.where('i.dealerId = :scope', { scope }).orWhere('i.dealerId IS NULL')));
    if (f.status) qb.andWhere('i.status = :status', { status: f.status });
    if (f.dealerId) qb.andWhere('i.dealerId = :dealerId', { dealerId: f.dealerId });
    if (f.department) qb.andWhere('i.department = :department', { department: f.department });
    if (f.ownerId) qb.andWhere('i.ownerId = :ownerId', { ownerId: f.ownerId });
    return qb.getMany();
  }

  /** Tickets by reference within a dealer scope (others are as unknown). */
  ticketsByRef(refs: string[], scope: 'all' | string, m: EntityManager = this.m): Promise<Pick<Ticket, 'id' | 'ref' | 'dealerId' | 'department' | 'rootCause'>[]> {
    if (!refs.length) return Promise.resolve([]);
    const where = scope === 'all' ? { ref: In(refs) } : { ref: In(refs), dealerId: scope };
    return m.find(Ticket, { where, select: { id: true, ref: true, dealerId: true, department: true, rootCause: true } });
  }

  /** The linked tickets of an improvement the caller may see. */
  async linkedTickets(improvementId: string, scope: 'all' | string): Promise<{ ref: string; dealerId: string; department: string; rootCause: string | null; status: string; stage: string; receivedAt: Date }[]> {
    const qb = this.m
      .createQueryBuilder(ImprovementTicket, 'l')
      .innerJoin(Ticket, 't', 't.id = l.ticketId')
      .select(['t.ref AS ref', 't.dealerId AS "dealerId"', 't.department AS department', 't.rootCause AS "rootCause"', 't.status AS status', 't.stage AS stage', 't.receivedAt AS "receivedAt"'])
      .where('l.improvementId = :id', { id: improvementId })
      .orderBy('t.ref', 'ASC');
    if (scope !== 'all') qb.andWhere('t.dealerId = :scope', { scope });
    return qb.getRawMany();
  }

  /** The improvements a ticket is linked to. */
  async ofTicket(ticketId: string): Promise<Improvement[]> {
    return this.m
      .createQueryBuilder(Improvement, 'i')
      .innerJoin(ImprovementTicket, 'l', 'l.improvementId = i.id')
      .where('l.ticketId = :ticketId', { ticketId })
      .orderBy('i.createdAt', 'ASC')
      .getMany();
  }

  async linkedIds(improvementId: string, m: EntityManager): Promise<Set<string>> {
    const rows = await m.find(ImprovementTicket, { where: { improvementId }, select: { ticketId: true } });
    return new Set(rows.map((r) => r.ticketId));
  }

  history(improvementId: string): Promise<ImprovementEvent[]> {
    return this.m.find(ImprovementEvent, { where: { improvementId }, order: { id: 'ASC' } });
  }

  /**
   * Dealer × department × root cause with at least 3 tickets fixed in [from, to] and no open
   * improvement of that cause at that dealer (or for all dealers). A range of fixedAt on
   * IDX_tickets_fixed_at, grouped in SQL.
   */
  async suggestionGroups(from: Date, to: Date, dealerId: string | null): Promise<GroupRow[]> {
    const qb = this.m
      .createQueryBuilder(Ticket, 't')
      .select('t.dealerId', 'dealerId').addSelect('t.department', 'department').addSelect('t.rootCause', 'rootCause').addSelect('COUNT(*)', 'n')
      .where('t.fixedAt >= :from AND t.fixedAt <= :to', { from, to })
      .andWhere('t.rootCause IS NOT NULL')
      .groupBy('t.dealerId').addGroupBy('t.department').addGroupBy('t.rootCause')
      .having('COUNT(*) >= :min', { min: SUGGEST_MIN_TICKETS })
      .andHaving(
        `NOT EXISTS (SELECT 1 FROM improvements i WHERE i.status IN (:...open) AND i.department = "t"."department" AND i."rootCause" = "t"."rootCause" AND (i."dealerId" = "t"."dealerId" OR i."dealerId" IS NULL))`,
        { open: OPEN_STATUSES },
      );
    if (dealerId) qb.andWhere('t.dealerId = :dealerId', { dealerId });
    const rows: { dealerId: string; department: string; rootCause: string; n: string | number }[] = await qb.getRawMany();
    return rows.map((r) => ({ dealerId: r.dealerId, department: r.department, rootCause: r.rootCause, tickets: Number(r.n) }));
  }

  /** The refs of tickets fixed in [from, to] of the given groups' dealers (the same index range). */
  async fixedRefs(from: Date, to: Date, dealerIds: string[]): Promise<{ dealerId: string; department: string; rootCause: string; ref: string }[]> {
    if (!dealerIds.length) return [];
    return this.m
      .createQueryBuilder(Ticket, 't')
      .select(['t.dealerId AS "dealerId"', 't.department AS department', 't.rootCause AS "rootCause"', 't.ref AS ref'])
      .where('t.fixedAt >= :from AND t.fixedAt <= :to', { from, to })
      .andWhere('t.rootCause IS NOT NULL')
      .andWhere('t.dealerId IN (:...dealerIds)', { dealerIds })
      .getRawMany();
  }

  /** When each ticket of this cause at this dealer (null: every dealer) and department was fixed, in [from, to). */
  async fixedTimes(imp: Pick<Improvement, 'dealerId' | 'department' | 'rootCause'>, from: Date, to: Date): Promise<Date[]> {
    const where: Record<string, unknown> = { department: imp.department, rootCause: imp.rootCause };
    const qb = this.m
      .createQueryBuilder(Ticket, 't')
      .select(['t.id', 't.fixedAt'])
      .where('t.department = :department AND t.rootCause = :rootCause', where)
      .andWhere('t.fixedAt >= :from AND t.fixedAt < :to', { from, to });
    if (imp.dealerId) qb.andWhere('t.dealerId = :dealerId', { dealerId: imp.dealerId });
    return (await qb.getMany()).map((t) => t.fixedAt!);
  }

  /** Open improvements due on or before a day: the deadline sweep's candidates, on IDX_improvements_status_due. */
  dueOpen(lastDueDate: string): Promise<Improvement[]> {
    return this.m
      .createQueryBuilder(Improvement, 'i')
      .where('i.status IN (:...open)', { open: OPEN_STATUSES })
      .andWhere('i.dueDate <= :last', { last: lastDueDate })
      .andWhere('(i.ownerNotifiedAt IS NULL OR i.managersNotifiedAt IS NULL)')
      .getMany();
  }

  users(ids: string[], m: EntityManager = this.m): Promise<User[]> {
    return ids.length ? m.findBy(User, { id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** Active quality managers who see this dealer (null: every dealer: the importer-wide ones). */
  qualityManagers(dealerId: string | null, m: EntityManager): Promise<User[]> {
    const qb = m.createQueryBuilder(User, 'u').where('u.role = :role AND u.active = :active', { role: 'quality-manager', active: true });
    if (dealerId) qb.andWhere(new Brackets((b) => b.where('u.dealerId IS NULL').orWhere('u.dealerId = :dealerId', { dealerId })));
    else qb.andWhere('u.dealerId IS NULL');
    return qb.getMany();
  }
}
