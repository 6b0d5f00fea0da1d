import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { EscalationController } from './escalation.controller.js';
import { EscalationPageController } from './escalation.page-controller.js';
import { Escalation } from './escalation.entity.js';
import { EscalationsService } from './escalations.service.js';
import { SlaSweepService } from './sla-sweep.service.js';

/** Escalation: the sweep, manual escalation and acknowledgement. A client of tickets, SLA and notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([Escalation]), TicketsModule, SlaModule, NotificationsModule],
  controllers: [EscalationController, EscalationPageController],
  providers: [SlaSweepService, EscalationsService],
  exports: [SlaSweepService],
})
export class EscalationModule {}
