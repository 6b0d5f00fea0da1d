import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity.js';
import { Contact } from '../modules/contacts/contact.entity.js';
import { Dealer } from '../modules/dealers/dealer.entity.js';
import { Compensation } from '../modules/tickets/compensations/compensation.entity.js';
import { Customer } from '../modules/tickets/customers/customer.entity.js';
import { QueueCount } from '../modules/tickets/queue/queue-count.entity.js';
import { RefSequence } from '../modules/tickets/intake/ref-sequence.entity.js';
import { Ticket } from '../modules/tickets/ticket.entity.js';
import { TimelineEvent } from '../modules/tickets/timeline-event.entity.js';
import { Vehicle } from '../modules/tickets/vehicle.entity.js';
import { SlaPolicy } from '../modules/sla/sla-policy.entity.js';
import { SlaTimer } from '../modules/sla/sla-timer.entity.js';
import { Escalation } from '../modules/escalation/escalation.entity.js';
import { Improvement, ImprovementEvent, ImprovementTicket } from '../modules/improvements/improvement.entity.js';
import { Notification } from '../modules/notifications/notification.entity.js';
import { Survey } from '../modules/surveys/survey.entity.js';
import { SurveyAnswer, SurveyResponse } from '../modules/surveys/survey-response.entity.js';
import { TrackingLink } from '../modules/tracking/tracking-link.entity.js';
import { ApiKey } from '../modules/users/api-key.entity.js';
import { Session } from '../modules/users/session.entity.js';
import { UserEvent } from '../modules/users/user-event.entity.js';
import { User } from '../modules/users/user.entity.js';

/** Every entity, listed once for the app and the migration CLI. */
export const ENTITIES = [Dealer, User, Session, ApiKey, Customer, Vehicle, Ticket, TimelineEvent, Compensation, RefSequence, SlaPolicy, SlaTimer, Escalation, Notification, Survey, SurveyResponse, SurveyAnswer, TrackingLink, UserEvent, IdempotencyKey, QueueCount, Contact, Improvement, ImprovementTicket, ImprovementEvent];
