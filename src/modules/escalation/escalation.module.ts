import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { DealersModule } from '../dealers/dealers.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { UsersModule } from '../users/users.module.js';
import { EscalationController } from './escalation.controller.js';
import { EscalationPageController } from './escalation.page-controller.js';
import { Escalation } from './escalation.entity.js';
import { EscalationRepository } from './escalation.repository.js';
import { EscalationsService } from './escalations.service.js';
import { SlaSweepService } from './sla-sweep.service.js';

/** Escalation: the sweep, manual escalation and acknowledgement. A client of tickets, SLA and notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([Escalation]), TicketsModule, SlaModule, NotificationsModule, DealersModule, UsersModule],
  controllers: [EscalationController, EscalationPageController],
  providers: [SlaSweepService, EscalationsService, EscalationRepository],
  exports: [SlaSweepService],
})
export class EscalationModule {}
