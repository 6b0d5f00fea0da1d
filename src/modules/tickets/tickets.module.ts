import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DealersModule } from '../dealers/dealers.module.js';
import { UsersModule } from '../users/users.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { Compensation } from './compensations/compensation.entity.js';
import { Customer } from './customers/customer.entity.js';
import { CustomerContactController } from './customers/customer-contact.controller.js';
import { CustomerContactPageController } from './pages/customer-contact.page-controller.js';
import { CustomerContactService } from './customers/customer-contact.service.js';
import { IntakeService } from './intake/intake.service.js';
import { RefSequence } from './intake/ref-sequence.entity.js';
import { Ticket } from './ticket.entity.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsPageController } from './pages/tickets.page-controller.js';
import { TicketActionsPageController } from './pages/ticket-actions.page-controller.js';
import { TicketPageService } from './pages/ticket-page.service.js';
import { TicketsService } from './tickets.service.js';
import { TicketQueueService } from './queue/ticket-queue.service.js';
import { TicketRepository } from './ticket.repository.js';
import { VehicleRepository } from './vehicle.repository.js';
import { CompensationRepository } from './compensations/compensation.repository.js';
import { TicketReports } from './reports/ticket-report.read-model.js';
import { CustomerRepository } from './customers/customer.repository.js';
import { TicketActionsService } from './ticket-actions.service.js';
import { CompensationsService } from './compensations/compensations.service.js';
import { TicketStagesService } from './workflow/ticket-stages.service.js';
import { TicketTransitionsService } from './workflow/ticket-transitions.service.js';
import { QueueCount } from './queue/queue-count.entity.js';
import { TimelineEvent } from './timeline-event.entity.js';
import { Vehicle } from './vehicle.entity.js';

@Module({
  imports: [TypeOrmModule.forFeature([Ticket, Customer, Vehicle, TimelineEvent, Compensation, RefSequence, QueueCount]), DealersModule, UsersModule, SlaModule, NotificationsModule],
  controllers: [TicketsController, CustomerContactController, TicketsPageController, TicketActionsPageController, CustomerContactPageController],
  providers: [TicketPageService, TicketRepository, VehicleRepository, CompensationRepository, TicketReports, CustomerRepository, TicketsService, TicketQueueService, IntakeService, TicketTransitionsService, TicketActionsService, TicketStagesService, CompensationsService, CustomerContactService],
  exports: [TicketRepository, TicketReports, CustomerRepository, TicketsService, TicketQueueService, IntakeService, TicketTransitionsService, TicketStagesService, TicketPageService],
})
export class TicketsModule {}
