import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { businessMinutesBetween, type ZonedCalendar } from './business-time.js';
import { nextCheckAt, planMoments, slaSummary, SLA_TARGETS, timerState, type SlaTarget } from './sla-clock.js';
import { SlaPoliciesService } from './sla-policies.service.js';
import type { SlaTimer } from './sla-timer.entity.js';
import { SlaTimerRepository, type TimerDeadline, type TimerRow } from './sla-timer.repository.js';
import { at, isoAt } from '../../common/database/row-values.js';

interface ViewTimer {
  target: SlaTarget;
  warnAt: Date;
  dueAt: Date;
  metAt: Date | null;
  breachedAt: string | null;
}

/** What a ticket change does to its clocks; the transition path carries these out. */
export type SlaOp =
  | { op: 'meet'; target: SlaTarget }
  | { op: 'pause' }
  | { op: 'resume' }
  | { op: 'restart'; targets: SlaTarget[] }
  | { op: 'stop' };

/** A new ticket's timers and the SLA fields they give it. */
export interface PlannedTimers {
  timers: SlaTimer[];
  slaState: TicketSla['state'] & (string | null);
  nextDueAt: Date | null;
}

export interface TicketSla {
  state: string | null;
  nextDue: string | null;
  businessMinutesLeft: number | null;
  timers: { target: SlaTarget; dueAt: string; metAt: string | null; breachedAt: string | null; state: string }[];
}

/**
 * The timers of tickets: started at receivedAt, met by their stage, paused while the
 * ticket waits on the customer, restarted on reopen. Every method works inside the
 * caller's transaction (the ticket's transition path); the SQL is SlaTimerRepository's.
 */
@Injectable()
export class SlaTimersService {
  constructor(
    private readonly policies: SlaPoliciesService,
    private readonly rows: SlaTimerRepository,
  ) {}

  /**
   * A new ticket's timers from receivedAt, with the targets already `met` (work done on the
   * spot) met at receivedAt, and the ticket's SLA fields they give at `now`: planned before
   * anything is written, so intake inserts the ticket with its SLA fields and the timers
   * once (no read back, no UPDATE per met timer). Nothing is written here.
   */
  async plan(m: EntityManager, ticketId: string, ticket: { severity: string; department: string; channel: string }, receivedAt: Date, calendar: ZonedCalendar, met: SlaTarget[], now: Date): Promise<PlannedTimers> {
    return (await this.planner(m))(ticketId, ticket, receivedAt, calendar, met, now);
  }

  /** `plan` for any number of tickets after one look at the policies; throws `sla-policy.not-found` for a ticket none fits. */
  async planner(m: EntityManager): Promise<(...args: [ticketId: string, ticket: { severity: string; department: string; channel: string }, receivedAt: Date, calendar: ZonedCalendar, met: SlaTarget[], now: Date]) => PlannedTimers> {
    const policyOf = await this.policies.picker(m);
    return (ticketId, ticket, receivedAt, calendar, met, now) => {
      const policy = policyOf(ticket);
      const timers = SLA_TARGETS.map((target): SlaTimer => {
        const targetMinutes = policy[`${target}Minutes`];
        const moments = planMoments(receivedAt, targetMinutes, policy.warningThreshold, 0, calendar);
        const timer: SlaTimer = {
          id: randomUUID(), ticketId, target, targetMinutes, warningThreshold: policy.warningThreshold, startedAt: receivedAt, pausedAt: null, pausedMinutes: 0,
          ...moments, warnedAt: null, breachedAt: null, escalatedLevel: 0, metAt: null, nextCheckAt: null,
        };
        timer.nextCheckAt = nextCheckAt(timer);
        return timer;
      });
      // The same rule, in the same order, as `apply` meeting them after the insert.
      for (const target of met) for (const t of timers) if (meet(t, target, receivedAt)) t.nextCheckAt = nextCheckAt(t);
      return { timers, ...this.summaryOf(timers, now) };
    };
  }

  /** A ticket's timers from receivedAt, none met: planned and written. */
  async start(m: EntityManager, ticketId: string, ticket: { severity: string; department: string; channel: string }, receivedAt: Date, calendar: ZonedCalendar): Promise<void> {
    await this.insert(m, (await this.plan(m, ticketId, ticket, receivedAt, calendar, [], receivedAt)).timers);
  }

  /** Timers planned by `plan`, in one INSERT (after their ticket's). */
  async insert(m: EntityManager, timers: SlaTimer[]): Promise<void> {
    await this.rows.insert(m, timers);
  }

  /** Carries out the clock operations of one change, in order. */
  async apply(m: EntityManager, ticketId: string, ops: SlaOp[], now: Date, calendar: () => Promise<ZonedCalendar>): Promise<void> {
    if (!ops.length) return;
    const timers = await this.rows.ofTicket(m, ticketId);
    const changed = new Set<SlaTimer>();
    for (const op of ops) {
      for (const t of timers) {
        if (await this.applyOne(t, op, now, calendar)) {
          t.nextCheckAt = nextCheckAt(t);
          changed.add(t);
        }
      }
    }
    // One UPDATE per changed timer, by key (save() would read each row back first).
    for (const { id, ticketId: _ticket, target: _target, ...fields } of changed) await this.rows.update(m, id, fields);
  }

  private async applyOne(t: SlaTimer, op: SlaOp, now: Date, calendar: () => Promise<ZonedCalendar>): Promise<boolean> {
    switch (op.op) {
      case 'meet':
        return meet(t, op.target, now);
      case 'pause':
        if (t.metAt || t.pausedAt) return false;
        t.pausedAt = now;
        return true;
      case 'resume': {
        if (!t.pausedAt) return false;
        const cal = await calendar();
        t.pausedMinutes += Math.max(0, Math.round(businessMinutesBetween(t.pausedAt, now, cal)));
        t.pausedAt = null;
        Object.assign(t, planMoments(t.startedAt, t.targetMinutes, t.warningThreshold, t.pausedMinutes, cal));
        return true;
      }
      case 'restart': {
        if (!op.targets.includes(t.target)) return false;
        const cal = await calendar();
        Object.assign(t, { startedAt: now, pausedAt: null, pausedMinutes: 0, warnedAt: null, breachedAt: null, escalatedLevel: 0, metAt: null });
        Object.assign(t, planMoments(now, t.targetMinutes, t.warningThreshold, 0, cal));
        return true;
      }
      case 'stop':
        if (t.nextCheckAt === null) return false;
        t.nextCheckAt = null;
        t.pausedAt = t.pausedAt ?? now;
        return true;
    }
  }

  /** The ticket's SLA fields after a change: its worst state and next deadline. */
  async summary(m: EntityManager, ticketId: string, now: Date): Promise<{ slaState: TicketSla['state'] & (string | null); nextDueAt: Date | null }> {
    return this.summaryOf(await this.rows.ofTicket(m, ticketId), now);
  }

  /**
   * The `sla` block of the API for some tickets, with business time left on each dealer's
   * calendar. One read of their timers as raw rows, grouped by ticket in one pass.
   */
  async views(db: EntityManager | DataSource, tickets: { id: string; calendar: ZonedCalendar; status: string }[], now: Date, options: { timers: boolean } = { timers: true }): Promise<Map<string, TicketSla>> {
    const out = new Map<string, TicketSla>();
    if (!tickets.length) return out;
    if (!options.timers) return this.listViews(db, tickets, now);
    return this.viewsOf(tickets, await this.rows.viewRows(db, tickets.map((t) => t.id)), now);
  }

  /** `views` of timer rows already read (the full ticket reads its timers in its own statement). */
  viewsOf(tickets: { id: string; calendar: ZonedCalendar; status: string }[], rows: (Omit<TimerRow, 'ticketId'> & { ticketId?: string })[], now: Date): Map<string, TicketSla> {
    const out = new Map<string, TicketSla>();
    // Rows without their ticket's id belong to the one ticket asked about.
    const only = tickets.length === 1 ? tickets[0].id : undefined;
    const byTicket = new Map<string, ViewTimer[]>();
    for (const r of rows) {
      const timer: ViewTimer = { target: r.target, warnAt: at(r.warnAt)!, dueAt: at(r.dueAt)!, metAt: at(r.metAt), breachedAt: isoAt(r.breachedAt) };
      const id = r.ticketId ?? only!;
      const list = byTicket.get(id);
      if (list) list.push(timer);
      else byTicket.set(id, [timer]);
    }
    for (const t of tickets) {
      const timers = byTicket.get(t.id) ?? [];
      const { state, nextDue } = slaSummary(timers, now);
      const running = nextDue && t.status !== 'waiting-on-customer' && t.status !== 'closed';
      out.set(t.id, {
        state,
        nextDue: nextDue?.toISOString() ?? null,
        businessMinutesLeft: running ? Math.round(businessMinutesBetween(now, nextDue, t.calendar)) : null,
        timers: timers.sort((a, b) => SLA_TARGETS.indexOf(a.target) - SLA_TARGETS.indexOf(b.target)).map((r) => ({
          target: r.target,
          dueAt: r.dueAt.toISOString(),
          metAt: r.metAt?.toISOString() ?? null,
          breachedAt: r.breachedAt ?? (now >= r.dueAt && !r.metAt ? r.dueAt.toISOString() : null),
          state: timerState(r, now),
        })),
      });
    }
    return out;
  }

  /**
   * The `sla` block of a list's rows (no timers): the same state and next deadline as
   * slaSummary gives from every timer, from each ticket's summed-up row. The worst state is
   * breached when the earliest open deadline has passed, at risk when the earliest open
   * warning has, on track while any is open, and met when every timer is.
   */
  private async listViews(db: EntityManager | DataSource, tickets: { id: string; calendar: ZonedCalendar; status: string }[], now: Date): Promise<Map<string, TicketSla>> {
    const out = new Map<string, TicketSla>();
    const rows = new Map((await this.rows.summaryRows(db, tickets.map((t) => t.id))).map((r) => [r.ticketId, r]));
    for (const t of tickets) {
      const r = rows.get(t.id);
      const nextDue = at(r?.openDueAt);
      const warn = at(r?.openWarnAt);
      const state: TicketSla['state'] = !r || Number(r.timers) === 0 ? null : !nextDue ? 'met' : now >= nextDue ? 'breached' : warn && now >= warn ? 'at-risk' : 'on-track';
      const running = nextDue && t.status !== 'waiting-on-customer' && t.status !== 'closed';
      out.set(t.id, {
        state,
        nextDue: nextDue?.toISOString() ?? null,
        businessMinutesLeft: running ? Math.round(businessMinutesBetween(now, nextDue, t.calendar)) : null,
        timers: [],
      });
    }
    return out;
  }

  /** Whether any timer is due for the sweep: by the nextCheckAt index only. */
  anyDue(m: EntityManager, now: Date): Promise<boolean> {
    return this.rows.anyDue(m, now);
  }

  /**
   * Claims up to `limit` due timers for one batch of the sweep, in due order. On PostgreSQL
   * they stay locked to this transaction and those another sweep holds are skipped, so
   * several instances share the work; SQLite has one writer, whose transaction holds them.
   */
  claimDue(m: EntityManager, now: Date, limit: number): Promise<SlaTimer[]> {
    return this.rows.claimDue(m, now, limit);
  }

  byId(m: EntityManager, id: string): Promise<SlaTimer> {
    return this.rows.byId(m, id);
  }

  /** Every timer of some tickets (the SLA summaries of a batch). */
  /** The deadlines of a ticket's timers, for their explanation. */
  deadlines(db: EntityManager | DataSource, ticketId: string): Promise<TimerDeadline[]> {
    return this.rows.deadlines(db, ticketId);
  }

  ofTickets(m: EntityManager, ticketIds: string[]): Promise<SlaTimer[]> {
    return this.rows.ofTickets(m, ticketIds);
  }

  /** The ticket's SLA fields from its timers, as `summary` reads them. */
  summaryOf(timers: SlaTimer[], now: Date): { slaState: TicketSla['state'] & (string | null); nextDueAt: Date | null } {
    const { state, nextDue } = slaSummary(timers, now);
    return { slaState: state, nextDueAt: nextDue };
  }

  /** What a batch of the sweep did to its timers (claimed in `claimDue`; each as claimed, and as swept), in one or two UPDATEs. */
  async saveSwept(m: EntityManager, timers: { before: SlaTimer; after: SlaTimer }[]): Promise<void> {
    await this.rows.saveSwept(m, timers);
  }
}

/** A timer met at `now` if it is the target's and not met yet (late: breached at its deadline); whether it changed. */
function meet(t: SlaTimer, target: SlaTarget, now: Date): boolean {
  if (t.target !== target || t.metAt) return false;
  t.metAt = now;
  if (now >= t.dueAt && !t.breachedAt) t.breachedAt = t.dueAt;
  return true;
}
