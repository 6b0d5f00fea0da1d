import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource, IsNull, LessThanOrEqual } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { customerLanguage, translate } from '../../common/i18n/translator.js';
import { JobLeases } from '../../common/scheduling/job-leases.js';
import { LeasedRound } from '../../common/scheduling/leased-round.js';
import { WEEKDAYS } from '../dealers/calendar.js';
import type { Dealer } from '../dealers/dealer.entity.js';
import { DealerRepository } from '../dealers/dealer.repository.js';
import { OutboxService } from '../notifications/outbox.service.js';
import { CustomerRepository } from '../tickets/customers/customer.repository.js';
import { Contact } from './contact.entity.js';

/** Messages per round at most; a round that leaves some runs again at the next tick. */
export const MESSAGE_BATCH = 200;

export interface MessageSweepResult {
  sent: number;
  withoutConsent: number;
}

/**
 * Sends the journey's messages when they fall due, through the outbox, in the customer's
 * language, from the dealer with its phone and opening hours. Exactly once however many
 * sweeps run: each message is claimed by a conditional UPDATE (open → done) in the same
 * transaction as its outbox row, so of two sweeps only the one whose UPDATE changed the
 * row writes the mail (PostgreSQL re-checks the condition after the other commits).
 * Without consent or an address nothing is sent, and the contact is closed as such.
 */
@Injectable()
export class ContactMessagesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ContactMessages');
  private readonly round = new LeasedRound('contact-messages', this.logger);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly leases: JobLeases,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dealers: DealerRepository,
    private readonly customers: CustomerRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.round.every(this.scheduler, this.config.scheduler, this.config.schedule.sweepIntervalSeconds, () => this.tick());
  }

  async tick(): Promise<void> {
    await this.round.sweep(this.leases, 2 * this.config.schedule.sweepIntervalSeconds * 1000, () => this.sweep(this.clock.now()));
  }

  async sweep(now: Date): Promise<MessageSweepResult> {
    const result: MessageSweepResult = { sent: 0, withoutConsent: 0 };
    const due = await this.dataSource.manager.find(Contact, {
      where: { state: 'open', kind: 'message', dueAt: LessThanOrEqual(now), pausedAt: IsNull() },
      order: { dueAt: 'ASC', id: 'ASC' },
      take: MESSAGE_BATCH,
    });
    for (const c of due) {
      await this.uow.run(async (m) => {
        const customer = await this.customers.byId(m, c.customerId);
        const consented = customer.consent && !!customer.email;
        const claimed = await m
          .createQueryBuilder()
          .update(Contact)
          .set({ state: 'done', doneAt: now, outcome: consented ? 'sent' : 'no-consent' })
          .where('id = :id AND state = :open AND "pausedAt" IS NULL', { id: c.id, open: 'open' })
          .execute();
        if (claimed.affected !== 1) return;
        if (!consented) {
          result.withoutConsent++;
          return;
        }
        const dealer = await this.dealers.byId(m, c.dealerId);
        const language = customerLanguage(customer.language, dealer.language);
        await this.outbox.enqueue(m, now, [{ email: customer.email!, name: customer.name, language }], 'i18n:loyalty', {
          dealer: dealer.name, phone: dealer.phone ?? '—', hours: openingHours(dealer, language), contactId: c.id,
        }, c.ticketId);
        result.sent++;
      });
    }
    return result;
  }
}

/** The week's opening hours, a line a day, in the customer's language. */
export function openingHours(dealer: Pick<Dealer, 'calendar'>, language: string): string {
  return WEEKDAYS.map((d) => `${translate(language, `days.${d}`)}: ${(dealer.calendar.weekly[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ') || translate(language, 'page.closed')}`).join('\n');
}
