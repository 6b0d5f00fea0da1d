import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { JobLeases } from '../../common/scheduling/job-leases.js';
import { LeasedRound } from '../../common/scheduling/leased-round.js';
import type { Dealer } from '../dealers/dealer.entity.js';
import { DealerRepository } from '../dealers/dealer.repository.js';
import { OutboxService, type OutboxMail } from '../notifications/outbox.service.js';
import { dueActions, nextCheckAt } from '../sla/sla-clock.js';
import type { SlaTimer } from '../sla/sla-timer.entity.js';
import { SlaTimersService } from '../sla/sla-timers.service.js';
import type { Customer } from '../tickets/customers/customer.entity.js';
import { CustomerRepository } from '../tickets/customers/customer.repository.js';
import type { Ticket } from '../tickets/ticket.entity.js';
import { SYSTEM_ACTOR, type NewEvent } from '../tickets/timeline.js';
import type { User } from '../users/user.entity.js';
import { StaffDirectory } from '../users/staff-directory.js';
import { TicketTransitionsService, type BatchChange } from '../tickets/workflow/ticket-transitions.service.js';
import { escalationRow, type Escalation } from './escalation.entity.js';
import { EscalationRepository } from './escalation.repository.js';
import { recipientsFor } from './escalation-ladder.js';
import { mailData, staffOf } from './escalation-mail.js';
import { event } from '../tickets/timeline-events.js';

export interface SweepResult {
  warned: number;
  breached: number;
  escalated: number;
}

/** What the sweep did to one timer: the rows to write and the change of its ticket. */
interface TimerOutcome {
  escalations: Escalation[];
  mails: OutboxMail[];
  events: NewEvent[];
  level: number;
}

/** The rows a batch reads once for all its timers: dealers, customers, staff and assignees. */
interface BatchRows {
  dealers: Map<string, Dealer>;
  customers: Map<string, Pick<Customer, 'id' | 'name'>>;
  users: User[];
}

/**
 * Warns and escalates tickets whose deadlines are at risk or missed, set-based: due timers
 * are claimed a batch at a time (locked to the batch's transaction), decided in memory by
 * the pure clock and ladder rules, and written as a few multi-row statements through the
 * batch transition. Every level happens once per timer however many sweeps run at once:
 * a claimed timer is the batch's until it commits, and leaves the due set when it does.
 */
@Injectable()
export class SlaSweepService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SlaSweep');
  private readonly round = new LeasedRound('sla-sweep', this.logger);

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: SlaTimersService,
    private readonly transitions: TicketTransitionsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly leases: JobLeases,
    private readonly dealers: DealerRepository,
    private readonly customers: CustomerRepository,
    private readonly staff: StaffDirectory,
    private readonly escalations: EscalationRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.round.every(this.scheduler, this.config.scheduler, this.config.schedule.sweepIntervalSeconds, () => this.tick());
  }

  async tick(): Promise<void> {
    // One sweep at a time (a round outlasting its lease is still safe, each action is claimed).
    await this.round.sweep(this.leases, 2 * this.config.schedule.sweepIntervalSeconds * 1000, () => this.sweep(this.clock.now()));
  }

  /** Timers per batch (`SWEEP_BATCH`): one transaction of a dozen statements, sized to hold the writer well under 50 ms at 1 M tickets. */
  async sweep(now: Date, batchSize = this.config.schedule.sweepBatch): Promise<SweepResult> {
    const result: SweepResult = { warned: 0, breached: 0, escalated: 0 };
    // A swept timer leaves the due set (its next check is after `now`); a batch that swept
    // nothing new (every due timer held by another sweep, or its ticket by a change) ends the sweep.
    // Nothing due (most ticks): one indexed read, no write transaction.
    if (!(await this.timers.anyDue(this.dataSource.manager, now))) return result;
    const seen = new Set<string>();
    for (;;) {
      const swept = await this.sweepBatchAgainOnDeadlock(now, batchSize, result);
      if (!swept.some((id) => !seen.has(id))) return result;
      for (const id of swept) seen.add(id);
    }
  }

  /**
   * PostgreSQL may end a batch as a deadlock's victim: the queue-count triggers of a
   * multi-row ticket update lock count rows in row order, and a concurrent sweep's batch can
   * take the same rows the other way round. The victim was rolled back whole, so it runs
   * again (its figures counted only once it commits); the timers it had claimed are claimed anew.
   */
  private async sweepBatchAgainOnDeadlock(now: Date, limit: number, result: SweepResult): Promise<string[]> {
    for (let attempt = 1; ; attempt++) {
      const counted: SweepResult = { warned: 0, breached: 0, escalated: 0 };
      try {
        const swept = await this.sweepBatch(now, limit, counted);
        for (const key of Object.keys(counted) as (keyof SweepResult)[]) result[key] += counted[key];
        return swept;
      } catch (e) {
        if (attempt >= MAX_DEADLOCK_RETRIES || !isDeadlock(e)) throw e;
        this.logger.warn(`sweep batch lost a deadlock (attempt ${attempt}); running it again`);
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 50 * attempt));
      }
    }
  }

  /** One batch in one transaction; the ids of the timers it swept. */
  private sweepBatch(now: Date, limit: number, result: SweepResult): Promise<string[]> {
    let claimed: SlaTimer[] = [];
    return this.transitions.applyBatch(
      SYSTEM_ACTOR,
      async (m) => {
        claimed = await this.timers.claimDue(m, now, limit);
        return claimed.map((t) => t.ticketId);
      },
      async ({ tickets, m }) => {
        const byId = new Map(tickets.map((t) => [t.id, t]));
        const swept = claimed.filter((t) => byId.has(t.ticketId));
        const rows = await this.batchRows(m, tickets);
        const changes: BatchChange[] = [];
        const outcomes: TimerOutcome[] = [];
        const before = swept.map((t) => ({ ...t }));
        for (const timer of swept) {
          const outcome = this.sweepTimer(timer, byId.get(timer.ticketId)!, now, rows, result);
          outcomes.push(outcome);
          changes.push({ ticketId: timer.ticketId, decide: (ticket) => this.ticketChange(ticket, outcome) });
        }
        await this.write(m, now, swept.map((after, i) => ({ before: before[i], after })), outcomes);
        return { changes, result: swept.map((t) => t.id) };
      },
    );
  }

  /**
   * The same sweep of one timer through the single transition path, `apply`: what a batch
   * writes for each of its timers. Kept so that a test can hold the two paths to the same rows.
   */
  async sweepTimerAlone(timerId: string, now: Date): Promise<SweepResult> {
    const result: SweepResult = { warned: 0, breached: 0, escalated: 0 };
    const { ticketId } = await this.timers.byId(this.dataSource.manager, timerId);
    await this.transitions.applyById({ as: SYSTEM_ACTOR }, ticketId, async ({ ticket, m }) => {
      const timer = await this.timers.byId(m, timerId);
      const before = { ...timer };
      const outcome = this.sweepTimer(timer, ticket, now, await this.batchRows(m, [ticket]), result);
      await this.write(m, now, [{ before, after: timer }], [outcome]);
      return this.ticketChange(ticket, outcome);
    });
    return result;
  }

  private async batchRows(m: EntityManager, tickets: Ticket[]): Promise<BatchRows> {
    if (!tickets.length) return { dealers: new Map(), customers: new Map(), users: [] };
    const dealerIds = [...new Set(tickets.map((t) => t.dealerId))];
    const [dealers, customers, users] = [
      await this.dealers.byIds(m, dealerIds),
      await this.customers.names(m, [...new Set(tickets.map((t) => t.customerId))]),
      await this.staff.activeStaffOfDealers(m, dealerIds, [...new Set(tickets.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])))]),
    ];
    return { dealers: new Map(dealers.map((d) => [d.id, d])), customers: new Map(customers.map((c) => [c.id, c])), users };
  }

  /** The escalations, outbox rows and timer changes (each timer as it was, and as swept) of a batch: a few multi-row statements. */
  private async write(m: EntityManager, now: Date, timers: { before: SlaTimer; after: SlaTimer }[], outcomes: TimerOutcome[]): Promise<void> {
    await this.escalations.insertMany(m, outcomes.flatMap((o) => o.escalations));
    await this.outbox.enqueueMany(m, now, outcomes.flatMap((o) => o.mails));
    await this.timers.saveSwept(m, timers);
  }

  /** The ticket change of one swept timer, on the ticket as the batch's changes before it left it. */
  private ticketChange(ticket: Ticket, outcome: TimerOutcome) {
    return { patch: outcome.level > ticket.escalationLevel ? { escalationLevel: outcome.level } : {}, events: outcome.events, recomputeSla: true };
  }

  /**
   * Carries out the due actions of one claimed timer on it (the timer is the batch's, so
   * each action is taken exactly once) and says what to write: a warning to the assignee
   * (or the level 1 people), and each escalation level with its row and its mail.
   */
  private sweepTimer(timer: SlaTimer, ticket: Ticket, now: Date, rows: BatchRows, result: SweepResult): TimerOutcome {
    const out: TimerOutcome = { escalations: [], mails: [], events: [], level: 0 };
    const actions = dueActions(timer, now);
    let mail: Record<string, unknown> | undefined;
    const mailOf = () => {
      if (!mail) {
        const dealer = rows.dealers.get(ticket.dealerId)!;
        const data = mailData(ticket, dealer, rows.customers.get(ticket.customerId)!, this.config.publicUrl);
        mail = { ...data, target: timer.target, dueAtIso: timer.dueAt.toISOString() };
      }
      return mail;
    };
    const staff = staffOf(rows.users, ticket);
    const recipients = (users: User[]) => users.map((u) => ({ email: u.email, name: u.name, language: u.language }));
    for (const action of actions) {
      if (action.kind === 'warn') {
        timer.warnedAt = now;
        result.warned++;
        const assignee = ticket.assigneeId ? rows.users.filter((u) => u.id === ticket.assigneeId) : null;
        const to = recipients(assignee ?? recipientsFor(1, ticket, staff));
        out.mails.push({ to, template: 'sla-warning', data: { ...mailOf(), percent: Math.round(timer.warningThreshold * 100) }, ticketId: ticket.id });
        out.events.push(event('sla-warning', { target: timer.target, dueAt: timer.dueAt.toISOString(), notified: to.length }));
        continue;
      }
      timer.escalatedLevel = action.level;
      if (action.level === 1) {
        timer.breachedAt = timer.breachedAt ?? timer.dueAt;
        result.breached++;
      }
      result.escalated++;
      out.level = Math.max(out.level, action.level);
      const reason = action.level === 1 ? `The ${timer.target} deadline was missed` : `Still open ${action.level === 2 ? 'half the target' : 'twice the target'} after the ${timer.target} deadline`;
      const escalation = escalationRow({ ticketId: ticket.id, timerId: timer.id, level: action.level, reason, manual: false, createdAt: now });
      const to = recipients(recipientsFor(action.level, ticket, staff));
      out.escalations.push(escalation);
      out.mails.push({ to, template: 'sla-escalation', data: { ...mailOf(), level: action.level }, ticketId: ticket.id });
      if (action.level === 1) out.events.push(event('sla-breach', { target: timer.target, dueAt: timer.dueAt.toISOString() }));
      out.events.push(event('escalated', { escalationId: escalation.id, level: action.level, target: timer.target, reason, manual: false, notified: to.map((r) => r.email), sent: to.length }));
    }
    timer.nextCheckAt = nextCheckAt(timer);
    return out;
  }
}

const MAX_DEADLOCK_RETRIES = 5;

/** PostgreSQL's `deadlock_detected` (40P01), as TypeORM passes it on. */
function isDeadlock(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const code = (e as QueryFailedError & { code?: string; driverError?: { code?: string } }).driverError?.code ?? (e as { code?: string }).code;
  return code === '40P01';
}
