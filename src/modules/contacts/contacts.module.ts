import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DealersModule } from '../dealers/dealers.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { SurveysModule } from '../surveys/surveys.module.js';
import { TicketsModule } from '../tickets/tickets.module.js';
import { Contact } from './contact.entity.js';
import { ContactMessagesService } from './contact-messages.service.js';
import { ContactCadenceController, ContactsController, ContactsExportController } from './contacts.controller.js';
import { ContactsPageController } from './contacts.page-controller.js';
import { ContactsService } from './contacts.service.js';
import { CustomerHistoryService } from './customer-history.service.js';
import { CustomersController } from './customers.controller.js';

/** The loyalty journey: cadence, contacts due, messages, the customer page. A client of tickets, dealers and notifications. */
@Module({
  imports: [TypeOrmModule.forFeature([Contact]), TicketsModule, DealersModule, NotificationsModule, SurveysModule],
  controllers: [ContactsExportController, ContactsController, ContactCadenceController, CustomersController, ContactsPageController],
  providers: [ContactsService, ContactMessagesService, CustomerHistoryService],
  exports: [ContactsService, ContactMessagesService, CustomerHistoryService],
})
export class ContactsModule {}
