import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { repeatEvery } from '../../common/scheduling/repeat.js';
import { JobLeases } from '../../common/scheduling/job-leases.js';
import { SingleFlight } from '../../common/scheduling/single-flight.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { dueActions, type SweepAction } from '../sla/sla-clock.js';
import { SlaTimer } from '../sla/sla-timer.entity.js';
import { SlaTimersService } from '../sla/sla-timers.service.js';
import { Ticket } from '../tickets/ticket.entity.js';
import { SYSTEM_ACTOR, type NewEvent } from '../tickets/timeline.js';
import { User } from '../users/user.entity.js';
import { TicketTransitionsService } from '../tickets/workflow/ticket-transitions.service.js';
import { insertEscalation } from './escalation.entity.js';
import { levelRecipients, localTime, ticketMailData } from './escalation-mail.js';

export interface SweepResult {
  warned: number;
  breached: number;
  escalated: number;
}

/**
 * Warns and escalates tickets whose deadlines are at risk or missed. Each action is
 * claimed on its timer by a conditional update inside the ticket's transition, so every
 * level happens once per timer however many sweeps run at the same time.
 */
@Injectable()
export class SlaSweepService implements OnApplicationBootstrap {
  private readonly logger = new Logger('SlaSweep');
  private readonly flight = new SingleFlight(this.logger);

  constructor(
    private readonly dataSource: DataSource,
    private readonly timers: SlaTimersService,
    private readonly transitions: TicketTransitionsService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly leases: JobLeases,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.scheduler) repeatEvery(this.scheduler, 'sla-sweep', this.config.schedule.sweepIntervalSeconds, () => this.tick());
  }

  async tick(): Promise<void> {
    // Within a process the flight, across processes the lease: one sweep at a time (a round outlasting it is still safe, each action is claimed).
    await this.flight.run(() =>
      this.leases.exclusive('sla-sweep', 2 * this.config.schedule.sweepIntervalSeconds * 1000, async () => {
        const result = await this.sweep(this.clock.now());
        if (result.warned + result.escalated) this.logger.log(`sweep: ${JSON.stringify(result)}`);
      }).then(() => undefined),
    );
  }

  async sweep(now: Date): Promise<SweepResult> {
    const result: SweepResult = { warned: 0, breached: 0, escalated: 0 };
    const seen = new Set<string>();
    for (;;) {
      const due = (await this.timers.findDueForSweep(this.dataSource.manager, now, 200)).filter((t) => !seen.has(t.id));
      if (!due.length) return result;
      for (const timer of due) {
        seen.add(timer.id);
        await this.sweepTimer(timer, now, result);
      }
    }
  }

  private async sweepTimer(candidate: SlaTimer, now: Date, result: SweepResult): Promise<void> {
    await this.transitions.apply({ as: SYSTEM_ACTOR }, `id:${candidate.ticketId}`, async ({ ticket, m }) => {
      const timer = await m.findOneByOrFail(SlaTimer, { id: candidate.id });
      const events: NewEvent[] = [];
      let level = ticket.escalationLevel;
      // What the mails say about the ticket, read once, and only when an action is claimed.
      let mail: Record<string, unknown> | undefined;
      const mailData = async () => {
        if (!mail) {
          const { dealer, data } = await ticketMailData(m, ticket, this.config.publicUrl);
          mail = { ...data, target: timer.target, dueAt: localTime(timer.dueAt, dealer.timeZone, dealer.language) };
        }
        return mail;
      };
      for (const action of dueActions(timer, now)) {
        if (!(await this.timers.claim(m, timer.id, action, now))) continue;
        if (action.kind === 'warn') {
          result.warned++;
          const to = ticket.assigneeId ? await assigneeRecipient(m, ticket.assigneeId) : await levelRecipients(m, 1, ticket);
          const sent = await this.outbox.enqueue(m, now, to, 'sla-warning', { ...(await mailData()), percent: Math.round(timer.warningThreshold * 100) }, ticket.id);
          events.push({ type: 'sla-warning', visibility: 'internal', data: { target: timer.target, dueAt: timer.dueAt.toISOString(), notified: sent } });
          continue;
        }
        if (action.level === 1) result.breached++;
        result.escalated++;
        level = Math.max(level, action.level);
        events.push(...(await this.escalate(m, ticket, timer, action, now, await mailData())));
      }
      await this.timers.refreshNextCheck(m, timer.id);
      return { patch: level > ticket.escalationLevel ? { escalationLevel: level } : {}, events, sla: [] };
    });
  }

  private async escalate(
    m: EntityManager,
    ticket: Ticket,
    timer: SlaTimer,
    action: Extract<SweepAction, { kind: 'escalate' }>,
    now: Date,
    mail: Record<string, unknown>,
  ): Promise<NewEvent[]> {
    const reason = action.level === 1 ? `The ${timer.target} deadline was missed` : `Still open ${action.level === 2 ? 'half the target' : 'twice the target'} after the ${timer.target} deadline`;
    const escalation = await insertEscalation(m, { ticketId: ticket.id, timerId: timer.id, level: action.level, reason, manual: false, createdAt: now });
    const to = await levelRecipients(m, action.level, ticket);
    const sent = await this.outbox.enqueue(m, now, to, 'sla-escalation', { ...mail, level: action.level }, ticket.id);
    const events: NewEvent[] = [];
    if (action.level === 1) events.push({ type: 'sla-breach', visibility: 'internal', data: { target: timer.target, dueAt: timer.dueAt.toISOString() } });
    events.push({ type: 'escalated', visibility: 'internal', data: { escalationId: escalation.id, level: action.level, target: timer.target, reason, manual: false, notified: to.map((r) => r.email), sent } });
    return events;
  }
}

async function assigneeRecipient(m: EntityManager, userId: string) {
  const u = await m.findOneBy(User, { id: userId, active: true });
  return u ? [{ email: u.email, name: u.name, language: u.language }] : [];
}
