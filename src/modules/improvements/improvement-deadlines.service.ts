import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { JobLeases } from '../../common/scheduling/job-leases.js';
import { LeasedRound } from '../../common/scheduling/leased-round.js';
import { OutboxService } from '../notifications/outbox.service.js';
import type { User } from '../users/user.entity.js';
import { Improvement } from './improvement.entity.js';
import { isOverdue, latestPossiblyOverdue, managersDueAt, overdueAt } from './improvement-deadlines.js';
import { ImprovementRepository } from './improvement.repository.js';
import { appendEvent, ImprovementsService } from './improvements.service.js';

export interface DeadlineSweepResult {
  owners: number;
  managers: number;
}

type Claim = 'ownerNotifiedAt' | 'managersNotifiedAt';

/**
 * Mails the owner of an improvement past its due date, and two business days later the
 * quality managers, through the outbox. Each mail is claimed on the improvement's row
 * (`UPDATE … SET ownerNotifiedAt = now WHERE … IS NULL`) in the transaction that writes
 * it, so however many sweeps run on however many instances, each goes out exactly once.
 */
@Injectable()
export class ImprovementDeadlinesService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ImprovementDeadlines');
  private readonly round = new LeasedRound('improvement-deadlines', this.logger);

  constructor(
    private readonly repo: ImprovementRepository,
    private readonly improvements: ImprovementsService,
    private readonly uow: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly scheduler: SchedulerRegistry,
    private readonly leases: JobLeases,
  ) {}

  onApplicationBootstrap(): void {
    // Due dates are days: the SLA sweep's interval is more than often enough.
    this.round.every(this.scheduler, this.config.scheduler, this.config.schedule.sweepIntervalSeconds, () => this.tick());
  }

  async tick(): Promise<void> {
    await this.round.sweep(this.leases, 2 * this.config.schedule.sweepIntervalSeconds * 1000, () => this.sweep(this.clock.now()));
  }

  async sweep(now: Date): Promise<DeadlineSweepResult> {
    const result: DeadlineSweepResult = { owners: 0, managers: 0 };
    for (const imp of await this.repo.dueOpen(latestPossiblyOverdue(now))) {
      const calendar = await this.improvements.calendarOf(imp.dealerId);
      if (!isOverdue(imp.dueDate, calendar, now)) continue;
      const when = overdueAt(imp.dueDate, calendar);
      if (!imp.ownerNotifiedAt && (await this.notify(imp, 'ownerNotifiedAt', now, (m) => this.repo.users([imp.ownerId], m), when))) result.owners++;
      if (!imp.managersNotifiedAt && now >= managersDueAt(imp.dueDate, calendar)) {
        if (await this.notify(imp, 'managersNotifiedAt', now, (m) => this.repo.qualityManagers(imp.dealerId, m), when)) result.managers++;
      }
    }
    return result;
  }

  /** Claims one mail of one improvement and writes it with its history entry; false when another sweep (or a status change) got there first. */
  private notify(imp: Improvement, claim: Claim, now: Date, recipients: (m: EntityManager) => Promise<User[]>, overdueSince: Date): Promise<boolean> {
    return this.uow.run(async (m) => {
      const claimed = await m
        .createQueryBuilder()
        .update(Improvement)
        .set({ [claim]: now })
        .where(`id = :id AND "${claim}" IS NULL AND status IN (:...open)`, { id: imp.id, open: ['proposed', 'in-progress'] })
        .execute();
      if (claimed.affected !== 1) return false;
      const to = (await recipients(m)).filter((u) => u.active).map((u) => ({ email: u.email, name: u.name, language: u.language }));
      const view = (await this.improvements.viewsFor([imp]))[0];
      const template = claim === 'ownerNotifiedAt' ? 'improvement-overdue' : 'improvement-overdue-managers';
      await this.outbox.enqueue(m, now, to, template, {
        title: imp.title, dealerName: view.dealerName ?? 'all dealers', department: imp.department, rootCause: imp.rootCause, dueDate: imp.dueDate,
        ownerName: view.ownerName, overdueSince: overdueSince.toISOString(), improvementUrl: `${this.config.publicUrl}/improvements/${imp.id}`,
      }, null);
      await appendEvent(m, imp.id, claim === 'ownerNotifiedAt' ? 'overdue-owner-notified' : 'overdue-managers-notified', now, null, { notified: to.map((r) => r.email) });
      return true;
    });
  }
}
