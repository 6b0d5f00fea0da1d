import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { TrackingLink } from './tracking-link.entity.js';
import { TrackingLinksService } from './tracking-links.service.js';
import { TrackingLinksController } from './tracking-links.controller.js';
import { DealersModule } from '../dealers/dealers.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { TrackingController } from './tracking.controller.js';
import { TrackingPageController } from './tracking.page-controller.js';
import { TrackingService } from './tracking.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([TrackingLink]), TicketsModule, DealersModule, NotificationsModule],
  controllers: [TrackingController, TrackingPageController, TrackingLinksController],
  providers: [TrackingService, TrackingLinksService],
})
export class TrackingModule {}
