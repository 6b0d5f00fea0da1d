import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { csvLine, startCsv } from '../../common/http/csv.js';
import { ContactsService, type ContactFigures } from '../contacts/contacts.service.js';
import type { ListTicketsQuery } from '../tickets/queue/list-tickets.query.js';
import { TicketQueueService } from '../tickets/queue/ticket-queue.service.js';
import type { Actor } from '../users/roles.js';
import { DashboardService, type DashboardQuery } from './dashboard.service.js';

/** CSV downloads, streamed a page at a time; see common/http/csv for the spreadsheet rules. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly tickets: TicketQueueService,
    private readonly figures: DashboardService,
    private readonly contacts: ContactsService,
  ) {}

  /** The queue with its filters, every page of it. */
  async queue(actor: Actor, query: ListTicketsQuery, res: Response): Promise<void> {
    startCsv(res, 'tickets.csv');
    res.write(csvLine(['ref', 'dealerId', 'customer', 'department', 'category', 'channel', 'severity', 'stage', 'status', 'slaState', 'nextDue', 'assigneeId', 'escalationLevel', 'receivedAt']));
    let cursor: string | undefined;
    do {
      const page = await this.tickets.queue(actor, { ...query, limit: 200, cursor });
      for (const t of page.items) {
        const line = csvLine([t.ref, t.dealerId, t.customer.name, t.department, t.category, t.channel, t.severity, t.stage, t.status, t.sla.state, t.sla.nextDue, t.assigneeId, t.escalationLevel, t.receivedAt]);
        if (!res.write(line)) await new Promise((r) => res.once('drain', r));
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    res.end();
  }

  async dashboard(actor: Actor, query: DashboardQuery, res: Response): Promise<void> {
    const f = await this.figures.figures(actor, query);
    startCsv(res, 'dashboard.csv');
    res.write(csvLine(['figure', 'key', 'value']));
    for (const r of f.openByStage) res.write(csvLine(['open tickets', `${r.stage}/${r.slaState ?? 'none'}`, r.count]));
    res.write(csvLine(['breaches', '', f.breaches]));
    res.write(csvLine(['median hours to first response', '', f.medianHoursToFirstResponse]));
    res.write(csvLine(['median hours to resolution', '', f.medianHoursToResolution]));
    for (const c of f.slaCompliance) res.write(csvLine(['SLA compliance %', c.target, c.percent]));
    res.write(csvLine(['recovery rate %', '', f.recovery.rate]));
    for (const c of f.compensation) res.write(csvLine(['compensation delivered', `${c.kind} ${c.currency}`, c.total]));
    res.write(csvLine(['sales at risk', '', f.salesAtRisk.count]));
    res.write(csvLine(['sales at risk retained', '', f.salesAtRisk.retained]));
    for (const r of f.rootCauses) res.write(csvLine(['root cause', r.rootCause, r.count]));
    for (const w of f.weeklyTrend) res.write(csvLine(['tickets received', w.week, w.count]));
    // The loyalty journey's figures, as the dashboard shows them beside the recovery ones.
    const loyalty = await this.contacts.figures(actor, query.dealerId);
    res.write(csvLine(['loyalty kept at 11 months %', `${loyalty.stillCustomers}/${loyalty.lastCallsAnswered}`, percent(loyalty.loyaltyKept)]));
    res.write(csvLine(['contacts done on time %', `${loyalty.doneOnTime}/${loyalty.done}`, percent(loyalty.onTimeShare)]));
    res.write(csvLine(['contacts overdue', '', loyalty.overdue]));
    res.end();
  }

  async league(actor: Actor, query: DashboardQuery, res: Response): Promise<void> {
    const f = await this.figures.figures(actor, query);
    startCsv(res, 'league.csv');
    res.write(csvLine(['rank', 'dealer', 'satisfaction index', 'SLA compliance %', 'recovery rate %', 'tickets', 'loyalty kept %', 'contacts on time %', 'contacts overdue']));
    // No rank (empty) for a dealer without figures, as on the page.
    for (const d of f.league) {
      const l: ContactFigures = await this.contacts.figures(actor, d.dealerId);
      res.write(csvLine([d.rank, d.dealerName, d.satisfactionIndex, d.slaCompliance, d.recoveryRate, d.tickets, percent(l.loyaltyKept), percent(l.onTimeShare), l.overdue]));
    }
    res.end();
  }
}

/** A share as a whole percentage, as on the dashboard; empty when there is nothing to count yet. */
function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 100);
}
