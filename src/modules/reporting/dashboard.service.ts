import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { MAX_REPORT_YEARS, reportPeriodTooLong } from '../../common/http/report-period.js';
import { SharedFlight } from '../../common/scheduling/shared-flight.js';
import { DealersService } from '../dealers/dealers.service.js';
import { SLA_TARGETS } from '../sla/sla-clock.js';
import { SatisfactionIndexService } from '../surveys/satisfaction-index.service.js';
import { dealerScope, type Actor } from '../users/roles.js';
import { BusinessHoursPool } from './business-hours.pool.js';
import { leagueOrder, pct, round1, slaTrend, trendStart, weeklyTrend, type TrendWeek } from './dashboard-figures.js';
import type { ZonedCalendar } from '../sla/business-time.js';
import { TicketReports, type ReportScope, type TicketReportReadModel } from '../tickets/reports/ticket-report.read-model.js';

export interface DashboardQuery {
  dealerId?: string;
  from?: string;
  to?: string;
}

const DEFAULT_WEEKS = 12;

/**
 * The quality manager's figures for a period and a scope: open work by stage and SLA
 * state, breaches, response and resolution times in business hours, SLA compliance,
 * recovery rate, compensation, sales at risk, root causes, the weekly trend, and the
 * dealer league table. Added up by the database (see TicketReportReadModel, which tickets owns), for a period of at
 * most two years; identical requests under way at once are computed once.
 */
@Injectable()
export class DashboardService {
  private readonly inFlight = new SharedFlight<DashboardFigures>();

  constructor(
    private readonly reports: TicketReports,
    private readonly dealers: DealersService,
    private readonly satisfaction: SatisfactionIndexService,
    private readonly clock: Clock,
    private readonly threads: BusinessHoursPool,
  ) {}

  figures(actor: Actor, query: DashboardQuery): Promise<DashboardFigures> {
    const now = this.clock.now();
    const { from, to } = period(query, now);
    // Identical means the same scope (what the caller may see) and the same query; a
    // default end ("now") is the same for callers arriving while the first is computed.
    const key = JSON.stringify([dealerScope(actor), query.dealerId ?? null, query.from ? from.toISOString() : null, query.to ? to.toISOString() : null]);
    return this.inFlight.run(key, () => this.compute(actor, query.dealerId, from, to, now));
  }

  private async compute(actor: Actor, dealerId: string | undefined, from: Date, to: Date, now: Date) {
    const visible = await this.dealers.listFor(actor);
    if (dealerId && !visible.some((d) => d.id === dealerId)) throw new DomainError('dealer.not-found', `No dealer ${dealerId}`);
    const scope: ReportScope = { dealerIds: dealerId ? [dealerId] : visible.map((d) => d.id), from, to, now };
    // On SQLite every statement runs in the worker thread, on its own read-only connection.
    const q = this.reports.forScope(scope, this.threads);
    // The calendars the dealers' cache already holds, parsed once per change.
    const calendars = await this.dealers.calendars(scope.dealerIds);

    // One statement at a time: on SQLite they queue on one connection anyway, and on
    // PostgreSQL one dashboard should not take more than one connection of the pool.
    const openByStage = await q.openByStage();
    const tallies = await q.timerTallies();
    const { listen: medianListen, resolve: medianResolve } = await this.medians(q, calendars);
    const received = await q.receivedByDealer();
    const recovery = await q.recoveryByDealer();
    const rootCauses = await q.rootCauses();
    const perDay = await q.receivedPerDay();
    const compensation = await q.compensationDelivered();
    // The 12-week trend ends with the period, whatever its start.
    const trendFrom = trendStart(to);
    const weekly = this.reports.forScope({ ...scope, from: trendFrom }, this.threads);
    const trend = slaTrend(trendFrom, await weekly.timersPerDay(), await weekly.recoveryPerDay());
    const index = await this.satisfaction.report(actor, { dealerId, from: from.toISOString(), to: to.toISOString() });

    const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((s, r) => s + pick(r), 0);
    const answered = sum(recovery, (r) => r.answered);
    const recovered = sum(recovery, (r) => r.recovered);
    const league = leagueOrder(scope.dealerIds.map((id) => {
      const mine = tallies.filter((r) => r.dealerId === id);
      const rec = recovery.find((r) => r.dealerId === id);
      return {
        dealerId: id,
        dealerName: visible.find((d) => d.id === id)?.name ?? '',
        satisfactionIndex: index.dealers.find((d) => d.dealerId === id)?.overall.score ?? null,
        slaCompliance: pct(sum(mine, (r) => r.onTime), sum(mine, (r) => r.done)),
        recoveryRate: pct(rec?.recovered ?? 0, rec?.answered ?? 0),
        tickets: received.find((r) => r.dealerId === id)?.tickets ?? 0,
      };
    }));

    return {
      period: { from: from.toISOString(), to: to.toISOString() },
      dealerId: dealerId ?? null,
      openByStage,
      breaches: sum(tallies, (r) => r.breaches),
      medianHoursToFirstResponse: round1(medianListen),
      medianHoursToResolution: round1(medianResolve),
      slaCompliance: SLA_TARGETS.map((target) => {
        const mine = tallies.filter((r) => r.target === target);
        const [onTime, total] = [sum(mine, (r) => r.onTime), sum(mine, (r) => r.done)];
        return { target, onTime, total, percent: pct(onTime, total) };
      }),
      recovery: { answered, recovered, rate: pct(recovered, answered) },
      compensation,
      salesAtRisk: { count: sum(received, (r) => r.salesAtRisk), retained: sum(received, (r) => r.retained) },
      rootCauses,
      weeklyTrend: weeklyTrend(perDay),
      trend,
      league,
    };
  }

  /**
   * The medians of business hours to first response and to resolution. The business-time
   * arithmetic and the medians run in a worker thread: seconds of CPU for two years at 1 M
   * tickets. On SQLite the thread reads the met timers itself, a page at a time; elsewhere
   * they are read here a page at a time and handed over.
   */
  private async medians(q: TicketReportReadModel, calendars: Map<string, ZonedCalendar>): Promise<Record<'listen' | 'resolve', number | null>> {
    const targets = ['listen', 'resolve'];
    if (q.readsOffThread) {
      const found = await this.threads.metMedians(q.metTimers(targets), calendars, targets);
      return { listen: found.listen ?? null, resolve: found.resolve ?? null };
    }
    const hours = await q.metHours(targets, calendars, (calendar, starts, ends) => this.threads.hours(calendar, starts, ends));
    return { listen: await this.threads.median(hours.get('listen')!), resolve: await this.threads.median(hours.get('resolve')!) };
  }
}

/** The period asked for: by default the last twelve weeks up to now; at most two years. */
function period(query: DashboardQuery, now: Date): { from: Date; to: Date } {
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DEFAULT_WEEKS * 7 * 86_400_000);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) throw new DomainError('report.period.invalid', 'from and to must be dates, from before to');
  if (reportPeriodTooLong(from, to)) {
    const message = query.to
      ? `to must be at most ${MAX_REPORT_YEARS} years after from (a report's period is capped at ${MAX_REPORT_YEARS} years)`
      : `from must be at most ${MAX_REPORT_YEARS} years before now, as to is not given (a report's period is capped at ${MAX_REPORT_YEARS} years)`;
    throw new DomainError('report.period.invalid', message, [message]);
  }
  return { from, to };
}

export interface DashboardFigures {
  period: { from: string; to: string };
  dealerId: string | null;
  openByStage: { stage: string; slaState: string | null; count: number }[];
  breaches: number;
  medianHoursToFirstResponse: number | null;
  medianHoursToResolution: number | null;
  slaCompliance: { target: string; onTime: number; total: number; percent: number | null }[];
  recovery: { answered: number; recovered: number; rate: number | null };
  compensation: { kind: string; currency: string; total: number; count: number }[];
  salesAtRisk: { count: number; retained: number };
  rootCauses: { rootCause: string; count: number }[];
  weeklyTrend: { week: string; count: number }[];
  trend: TrendWeek[];
  league: { rank: number | null; dealerId: string; dealerName: string; satisfactionIndex: number | null; slaCompliance: number | null; recoveryRate: number | null; tickets: number }[];
}
