import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailerService } from './mailer.service.js';
import { Notification } from './notification.entity.js';
import { OutboxService } from './outbox.service.js';
import { OutboxWorker } from './outbox.worker.js';

/** The outbox and its delivery; delivers what it is given and knows nothing of tickets. */
@Module({
  imports: [TypeOrmModule.forFeature([Notification])],
  providers: [OutboxService, OutboxWorker, MailerService],
  exports: [OutboxService, OutboxWorker],
})
export class NotificationsModule {}
