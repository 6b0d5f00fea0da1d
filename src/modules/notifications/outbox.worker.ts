import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { In, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { settleBounded } from '../../common/scheduling/bounded.js';
import { JobLeases } from '../../common/scheduling/job-leases.js';
import { LeasedRound } from '../../common/scheduling/leased-round.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { MailerService } from './mailer.service.js';
import { Notification } from './notification.entity.js';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-policy.js';
import { renderMail } from './templates.js';

/**
 * Data filled in at sending time by the module that owns it (a fresh tracking link, say), for
 * all the mails of a batch that name it at once: one answer per input, null cancels that mail.
 */
export type Enricher = (data: Record<string, unknown>[]) => Promise<(Record<string, unknown> | null)[]>;

export interface DeliveryRound {
  /** Rows claimed this round (due and stale ones). */
  due: number;
  sent: number;
  failed: number;
}

/**
 * Delivers the outbox a batch at a time: one short transaction claims up to a batch of due
 * rows (a lease on each, `FOR UPDATE SKIP LOCKED` on PostgreSQL, the writer's IMMEDIATE lock on
 * SQLite), so no two workers or instances ever hold the same mail; the batch is sent with
 * bounded concurrency over the pooled SMTP transport, and marked sent in one statement. While
 * batches come back full the next one starts at once; the period only paces an idle outbox.
 * Failures are retried with backoff and given up after a few tries.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private readonly round = new LeasedRound('outbox', this.logger);
  /** Set at shutdown: a draining tick stops between batches, before the database closes. */
  private stopping = false;
  private readonly enrichers = new Map<string, Enricher>();

  registerEnricher(name: string, enricher: Enricher): void {
    this.enrichers.set(name, enricher);
  }

  constructor(
    private readonly mailer: MailerService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly leases: JobLeases,
  ) {}

  onApplicationBootstrap(): void {
    this.round.every(this.scheduler, this.config.scheduler, this.config.schedule.outboxIntervalSeconds, () => this.tick());
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async tick(): Promise<void> {
    const leaseMs = this.config.schedule.outboxLeaseSeconds * 1000;
    // The job lease saves work; the row leases keep each mail to one sender.
    await this.round.run(this.leases, leaseMs, async () => {
      // A backlog drains now, batch after batch, not one batch per period; the round ends
      // within half the job lease so that it is never held by a holder that outran it.
      const until = this.clock.now().getTime() + leaseMs / 2;
      while (!this.stopping && this.clock.now().getTime() < until) {
        const { due } = await this.deliverDue();
        if (due < this.config.schedule.outboxBatch) break;
      }
    });
  }

  /** Claims one batch of what is due now and sends it; what it claimed, sent and failed. */
  async deliverDue(limit = this.config.schedule.outboxBatch): Promise<DeliveryRound> {
    const now = this.clock.now();
    const rows = await this.uow.run((m) => this.claim(m, now, limit), 'outbox claim');
    if (!rows.length) return { due: 0, sent: 0, failed: 0 };
    const extras = await this.enrich(rows);
    const cancelled = rows.filter((_, i) => extras[i] === null);
    const failures: { row: Notification; error: unknown }[] = rows.flatMap((row, i) => (extras[i] instanceof Error ? [{ row, error: extras[i] }] : []));
    const sending = rows.flatMap((row, i) => {
      const extra = extras[i];
      return extra === null || extra instanceof Error ? [] : [{ row, extra }];
    });
    const outcomes = await settleBounded(sending, this.config.schedule.outboxConcurrency, async ({ row, extra }) => {
      const mail = renderMail(row.template, row.language, { ...row.data, ...extra });
      await this.mailer.send({ to: row.recipientEmail, toName: row.recipientName, subject: mail.subject, text: mail.text, messageId: `<${row.id}@amends>` });
    });
    const sent = sending.filter((_, i) => outcomes[i].status === 'fulfilled').map((s) => s.row.id);
    sending.forEach((s, i) => {
      const outcome = outcomes[i];
      if (outcome.status === 'rejected') failures.push({ row: s.row, error: outcome.reason });
    });
    await this.uow.run(async (m) => {
      // One statement for the batch's sent mails and one for its cancelled ones; failures differ row by row.
      if (sent.length) await m.createQueryBuilder().update(Notification).set({ state: 'sent', sentAt: this.clock.now(), lockedUntil: null, lastError: null }).where({ id: In(sent) }).execute();
      if (cancelled.length) await m.createQueryBuilder().update(Notification).set({ state: 'cancelled', lockedUntil: null }).where({ id: In(cancelled.map((r) => r.id)) }).execute();
      for (const { row, error } of failures) await this.failed(m, row, error);
    }, 'outbox settle');
    return { due: rows.length, sent: sent.length, failed: failures.length };
  }

  /**
   * Takes up to `limit` rows for this worker: mails a dead sender left claimed past their
   * lease first, then pending ones in the order they fell due (the index on state and due
   * time, no sort of the backlog). Each is leased and its attempt counted in one UPDATE.
   */
  private async claim(m: EntityManager, now: Date, limit: number): Promise<Notification[]> {
    const postgres = m.connection.options.type === 'postgres';
    const pick = (where: string, order: keyof Notification, take: number) => {
      const qb = m.createQueryBuilder(Notification, 'n').select('n.id', 'id').where(where, { now }).orderBy(`n.${order}`, 'ASC').limit(take);
      if (postgres) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
      return qb.getRawMany<{ id: string }>();
    };
    const stale = await pick(`n.state = 'sending' AND n.lockedUntil <= :now`, 'lockedUntil', limit);
    const pending = stale.length < limit ? await pick(`n.state = 'pending' AND n.nextAttemptAt <= :now`, 'nextAttemptAt', limit - stale.length) : [];
    const ids = [...stale, ...pending].map((r) => r.id);
    if (!ids.length) return [];
    await m.createQueryBuilder().update(Notification)
      .set({ state: 'sending', lockedUntil: new Date(now.getTime() + this.config.schedule.outboxLeaseSeconds * 1000), attempts: () => '"attempts" + 1' })
      .where({ id: In(ids) })
      .execute();
    const rows = await m.findBy(Notification, { id: In(ids) });
    const order = new Map(ids.map((id, i) => [id, i]));
    return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  }

  /**
   * Each row's extra data, one enricher call for all the batch's rows that name it: an object
   * to send, null to cancel, or an Error (the enricher failed: those rows count a failed attempt).
   */
  private async enrich(rows: Notification[]): Promise<(Record<string, unknown> | null | Error)[]> {
    const extras: (Record<string, unknown> | null | Error)[] = rows.map(() => ({}));
    for (const [name, enricher] of this.enrichers) {
      const idx = rows.flatMap((row, i) => (row.data.enrich === name ? [i] : []));
      if (!idx.length) continue;
      try {
        const answers = await enricher(idx.map((i) => rows[i].data));
        idx.forEach((i, k) => (extras[i] = answers[k]));
      } catch (e) {
        idx.forEach((i) => (extras[i] = e instanceof Error ? e : new Error(String(e))));
      }
    }
    return extras;
  }

  /** A failed attempt: back to pending after the backoff, or given up. */
  private async failed(m: EntityManager, row: Notification, e: unknown): Promise<void> {
    const giveUp = row.attempts >= MAX_ATTEMPTS;
    await m.update(Notification, { id: row.id }, {
      state: giveUp ? 'failed' : 'pending',
      nextAttemptAt: new Date(this.clock.now().getTime() + retryDelayMs(row.attempts)),
      lockedUntil: null,
      lastError: (e instanceof Error ? e.message : String(e)).slice(0, 1000),
    });
    this.logger.warn(`delivery of ${row.id} to ${row.recipientEmail} failed (attempt ${row.attempts}${giveUp ? ', giving up' : ''})`);
  }
}
