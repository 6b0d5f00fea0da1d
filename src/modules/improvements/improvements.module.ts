import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DealersModule } from '../dealers/dealers.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { UsersModule } from '../users/users.module.js';
import { Improvement, ImprovementEvent, ImprovementTicket } from './improvement.entity.js';
import { ImprovementDeadlinesService } from './improvement-deadlines.service.js';
import { ImprovementRepository } from './improvement.repository.js';
import { ImprovementsController } from './improvements.controller.js';
import { ImprovementsExport } from './improvements.export.js';
import { ImprovementsPageController } from './improvements.page-controller.js';
import { ImprovementsService } from './improvements.service.js';

/** The outer loop: improvements, suggestions, effect and deadlines. A client of tickets, dealers and notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([Improvement, ImprovementTicket, ImprovementEvent]), DealersModule, UsersModule, TicketsModule, NotificationsModule],
  controllers: [ImprovementsController, ImprovementsPageController],
  providers: [ImprovementRepository, ImprovementsService, ImprovementsExport, ImprovementDeadlinesService],
  exports: [ImprovementsService, ImprovementDeadlinesService],
})
export class ImprovementsModule {}
