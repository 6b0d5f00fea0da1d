import { Module } from '@nestjs/common';
import { DealersModule } from '../dealers/dealers.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingPageController } from './tracking.page-controller.js';
import { TrackingService } from './tracking.service.js';

@Module({
  imports: [TicketsModule, DealersModule],
  controllers: [TrackingController, TrackingPageController],
  providers: [TrackingService],
})
export class TrackingModule {}
