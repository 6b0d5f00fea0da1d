import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { Brackets, DataSource, type SelectQueryBuilder, type ObjectLiteral } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { Dealer } from '../dealers/dealer.entity.js';
import { DealersService } from '../dealers/dealers.service.js';
import { businessMinutesBetween } from '../sla/business-time.js';
import { SlaTimer } from '../sla/sla-timer.entity.js';
import { zonedCalendar } from '../sla/zoned-calendar.js';
import { SatisfactionIndexService } from '../surveys/satisfaction-index.service.js';
import { Compensation } from '../tickets/compensations/compensation.entity.js';
import { Ticket } from '../tickets/ticket.entity.js';
import type { Actor } from '../users/roles.js';

export interface DashboardQuery {
  dealerId?: string;
  from?: string;
  to?: string;
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const pct = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 10 : null);

/**
 * The quality manager's figures for a period and a scope: open work by stage and SLA
 * state, breaches, response and resolution times in business hours, SLA compliance,
 * recovery rate, compensation, sales at risk, root causes, the weekly trend, and the
 * dealer league table.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dealers: DealersService,
    private readonly satisfaction: SatisfactionIndexService,
    private readonly clock: Clock,
  ) {}

  async figures(actor: Actor, query: DashboardQuery) {
    const visible = await this.dealers.listFor(actor);
    if (query.dealerId && !visible.some((d) => d.id === query.dealerId)) throw new DomainError('dealer.not-found', `No dealer ${query.dealerId}`);
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 84 * 86_400_000);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) throw new DomainError('report.period.invalid', 'from and to must be dates, from before to');
    const dealerIds = query.dealerId ? [query.dealerId] : visible.map((d) => d.id);
    const scoped = <T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string) =>
      dealerIds.length ? qb.andWhere(`${alias}.dealerId IN (:...dealerIds)`, { dealerIds }) : qb.andWhere('1 = 0');
    const tickets = () => scoped(this.dataSource.getRepository(Ticket).createQueryBuilder('t'), 't');
    const inPeriod = (col: string) => new Brackets((b) => b.where(`${col} >= :from`, { from }).andWhere(`${col} < :to`, { to }));

    const openByStage: { stage: string; slaState: string | null; n: string }[] = await tickets()
      .select('t.stage', 'stage').addSelect('t.slaState', 'slaState').addSelect('COUNT(*)', 'n')
      .andWhere("t.status <> 'closed'").groupBy('t.stage').addGroupBy('t.slaState').getRawMany();

    const timers: (SlaTimer & { dealerId: string })[] = await this.dataSource.getRepository(SlaTimer).createQueryBuilder('s')
      .innerJoin(Ticket, 't', 't.id = s.ticketId').addSelect('t.dealerId', 'dealerId')
      .where(inPeriod('s.startedAt')).andWhere(dealerIds.length ? 't.dealerId IN (:...dealerIds)' : '1 = 0', { dealerIds })
      .getRawAndEntities().then(({ entities, raw }) => entities.map((e, i) => Object.assign(e, { dealerId: raw[i].dealerId as string })));
    const dealers = dealerIds.length ? await this.dataSource.getRepository(Dealer).findBy(dealerIds.map((id) => ({ id }))) : [];
    const calendars = new Map(dealers.map((d) => [d.id, zonedCalendar(d)]));
    const hours = (t: SlaTimer & { dealerId: string }) => businessMinutesBetween(t.startedAt, t.metAt!, calendars.get(t.dealerId)!) / 60;
    const compliance = ['listen', 'apologise', 'fix', 'resolve'].map((target) => {
      const done = timers.filter((t) => t.target === target && (t.metAt || t.breachedAt || t.dueAt <= now));
      const onTime = done.filter((t) => t.metAt && t.metAt <= t.dueAt).length;
      return { target, onTime, total: done.length, percent: pct(onTime, done.length) };
    });
    const breaches = timers.filter((t) => t.breachedAt || (!t.metAt && t.dueAt <= now)).length;

    const received = await tickets().andWhere(inPeriod('t.receivedAt')).getMany();
    const answered = received.filter((t) => t.followUpScore !== null);
    const recovered = answered.filter((t) => (t.followUpScore ?? 0) >= 4).length;
    const compensation: { kind: string; currency: string; total: string; n: string }[] = await this.dataSource.getRepository(Compensation).createQueryBuilder('c')
      .innerJoin(Ticket, 't', 't.id = c.ticketId').select('c.kind', 'kind').addSelect('c.currency', 'currency').addSelect('SUM(c.amount)', 'total').addSelect('COUNT(*)', 'n')
      .where("c.state = 'delivered'").andWhere(inPeriod('c.deliveredAt')).andWhere(dealerIds.length ? 't.dealerId IN (:...dealerIds)' : '1 = 0', { dealerIds })
      .groupBy('c.kind').addGroupBy('c.currency').getRawMany();

    const rootCauses = countBy(received.filter((t) => t.rootCause), (t) => t.rootCause!);
    const weekly = countBy(received, (t) => DateTime.fromJSDate(t.receivedAt, { zone: 'UTC' }).toFormat("kkkk-'W'WW"));
    const index = await this.satisfaction.report(actor, { dealerId: query.dealerId, from: from.toISOString(), to: to.toISOString() });
    const league = dealerIds.map((id) => {
      const mine = timers.filter((t) => t.dealerId === id && (t.metAt || t.breachedAt || t.dueAt <= now));
      const mineAnswered = received.filter((t) => t.dealerId === id && t.followUpScore !== null);
      return {
        dealerId: id,
        dealerName: visible.find((d) => d.id === id)?.name ?? '',
        satisfactionIndex: index.dealers.find((d) => d.dealerId === id)?.overall.score ?? null,
        slaCompliance: pct(mine.filter((t) => t.metAt && t.metAt <= t.dueAt).length, mine.length),
        recoveryRate: pct(mineAnswered.filter((t) => (t.followUpScore ?? 0) >= 4).length, mineAnswered.length),
        tickets: received.filter((t) => t.dealerId === id).length,
      };
    }).sort((a, b) => (b.satisfactionIndex ?? -1) - (a.satisfactionIndex ?? -1) || (b.slaCompliance ?? -1) - (a.slaCompliance ?? -1));

    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      dealerId: query.dealerId ?? null,
      openByStage: openByStage.map((r) => ({ stage: r.stage, slaState: r.slaState, count: Number(r.n) })),
      breaches,
      medianHoursToFirstResponse: round1(median(timers.filter((t) => t.target === 'listen' && t.metAt).map(hours))),
      medianHoursToResolution: round1(median(timers.filter((t) => t.target === 'resolve' && t.metAt).map(hours))),
      slaCompliance: compliance,
      recovery: { answered: answered.length, recovered, rate: pct(recovered, answered.length) },
      compensation: compensation.map((r) => ({ kind: r.kind, currency: r.currency, total: Number(r.total), count: Number(r.n) })),
      salesAtRisk: { count: received.filter((t) => t.saleAtRisk).length, retained: received.filter((t) => t.saleAtRisk && t.outcome === 'retained').length },
      rootCauses: Object.entries(rootCauses).map(([rootCause, count]) => ({ rootCause, count })).sort((a, b) => b.count - a.count),
      weeklyTrend: Object.entries(weekly).sort(([a], [b]) => a.localeCompare(b)).map(([week, count]) => ({ week, count })),
      league,
    };
  }
}

function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

export type DashboardFigures = Awaited<ReturnType<DashboardService['figures']>>;
