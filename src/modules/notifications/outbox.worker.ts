import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { repeatEvery } from '../../common/scheduling/repeat.js';
import { JobLeases } from '../../common/scheduling/job-leases.js';
import { SingleFlight } from '../../common/scheduling/single-flight.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { MailerService } from './mailer.service.js';
import { Notification } from './notification.entity.js';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-policy.js';
import { renderMail } from './templates.js';

/** Rows read per round, and rounds per tick at most (a tick then yields to the next). */
const BATCH = 50;
const MAX_ROUNDS_PER_TICK = 20;

export type Enricher = (data: Record<string, unknown>) => Promise<Record<string, unknown> | null>;

/**
 * Delivers the outbox. Each row is claimed by a conditional update, so one worker among
 * many sends it; failures are retried with backoff, and given up after a few tries.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly flight = new SingleFlight(this.logger);
  /** Set at shutdown: a draining tick stops between batches, before the database closes. */
  private stopping = false;
  /** Data filled in at sending time by the modules that own it (a fresh tracking link, say); null cancels the mail. */
  private readonly enrichers = new Map<string, Enricher>();

  registerEnricher(name: string, enricher: Enricher): void {
    this.enrichers.set(name, enricher);
  }

  constructor(
    @InjectRepository(Notification) private readonly rows: Repository<Notification>,
    private readonly mailer: MailerService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly leases: JobLeases,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.scheduler) repeatEvery(this.scheduler, 'outbox', this.config.schedule.outboxIntervalSeconds, () => this.tick());
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async tick(): Promise<void> {
    // Within a process the flight, across processes the lease (as long as a claimed mail's): one sender at a time.
    await this.flight.run(() =>
      this.leases.exclusive('outbox', this.config.schedule.outboxLeaseSeconds * 1000, async () => {
        // A backlog (a sweep that escalated a thousand timers) drains now, not one batch per period.
        for (let round = 0; round < MAX_ROUNDS_PER_TICK && !this.stopping; round++) {
          const { sent, failed, due } = await this.deliverDue(BATCH);
          if (due < BATCH || sent + failed === 0) break;
        }
      }).then(() => undefined),
    );
  }

  /** Sends what is due now; returns how many were due, sent and failed this round. */
  async deliverDue(limit = BATCH): Promise<{ sent: number; failed: number; due: number }> {
    const now = this.clock.now();
    const due = await this.rows.find({ where: { state: 'pending', nextAttemptAt: LessThanOrEqual(now) }, order: { nextAttemptAt: 'ASC' }, take: limit });
    const stale = await this.rows.find({ where: { state: 'sending', lockedUntil: LessThanOrEqual(now) }, take: limit });
    let sent = 0;
    let failed = 0;
    // Several instances read the same batch: each starts at its own place in it, so they
    // mostly claim different rows instead of queueing behind one another's claims.
    const start = Math.floor(Math.random() * due.length);
    for (const row of [...due.slice(start), ...due.slice(0, start), ...stale]) {
      if (!(await this.claim(row, now))) continue;
      try {
        const enrich = typeof row.data.enrich === 'string' ? this.enrichers.get(row.data.enrich) : undefined;
        const extra = enrich ? await enrich(row.data) : {};
        if (extra === null) {
          await this.uow.run((m) => m.update(Notification, { id: row.id }, { state: 'cancelled', lockedUntil: null }));
          continue;
        }
        const mail = renderMail(row.template, row.language, { ...row.data, ...extra });
        await this.mailer.send({ to: row.recipientEmail, toName: row.recipientName, subject: mail.subject, text: mail.text, messageId: `<${row.id}@amends>` });
        await this.uow.run((m) => m.update(Notification, { id: row.id }, { state: 'sent', sentAt: this.clock.now(), lockedUntil: null, lastError: null }));
        sent++;
      } catch (e) {
        failed++;
        const attempts = row.attempts + 1;
        const giveUp = attempts >= MAX_ATTEMPTS;
        await this.uow.run((m) =>
          m.update(Notification, { id: row.id }, {
            state: giveUp ? 'failed' : 'pending',
            nextAttemptAt: new Date(this.clock.now().getTime() + retryDelayMs(attempts)),
            lockedUntil: null,
            lastError: (e instanceof Error ? e.message : String(e)).slice(0, 1000),
          }),
        );
        this.logger.warn(`delivery of ${row.id} to ${row.recipientEmail} failed (attempt ${attempts}${giveUp ? ', giving up' : ''})`);
      }
    }
    return { sent, failed, due: due.length };
  }

  /** Takes the row for this worker: true for exactly one claimant. */
  private async claim(row: Notification, now: Date): Promise<boolean> {
    const result = await this.uow.run((m) =>
      m.createQueryBuilder().update(Notification)
        .set({ state: 'sending', lockedUntil: new Date(now.getTime() + this.config.schedule.outboxLeaseSeconds * 1000), attempts: () => '"attempts" + 1' })
        .where('id = :id AND state = :state AND attempts = :attempts', { id: row.id, state: row.state, attempts: row.attempts })
        .execute(),
    );
    return result.affected === 1;
  }
}
