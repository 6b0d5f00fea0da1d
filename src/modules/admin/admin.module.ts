import { Module } from '@nestjs/common';
import { DealersModule } from '../dealers/dealers.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { UsersModule } from '../users/users.module.js';
import { AdminPageController } from './admin.page-controller.js';

/** The admin pages: a client of dealers, users and SLA. */
@Module({ imports: [DealersModule, UsersModule, SlaModule], controllers: [AdminPageController] })
export class AdminModule {}
