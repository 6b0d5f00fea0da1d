import { Module } from '@nestjs/common';
import { DealersModule } from '../dealers/dealers.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { BusinessHoursPool } from './business-hours.pool.js';
import { DashboardService } from './dashboard.service.js';
import { ExportsService } from './exports.service.js';
import { ReportingController } from './reporting.controller.js';
import { ReportingPageController } from './reporting.page-controller.js';

/** Dashboard, league table and exports: a reader of tickets, SLA timers and surveys. */
@Module({
  imports: [TicketsModule, DealersModule, SurveysModule],
  controllers: [ReportingController, ReportingPageController],
  providers: [DashboardService, ExportsService, BusinessHoursPool],
})
export class ReportingModule {}
