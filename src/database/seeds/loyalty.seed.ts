import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { Contact } from '../../modules/contacts/contact.entity.js';
import { overdueAtFor } from '../../modules/contacts/contact-schedule.js';
import { DealersService } from '../../modules/dealers/dealers.service.js';
import type { CreateTicketDto } from '../../modules/tickets/intake/create-ticket.dto.js';
import { IntakeService } from '../../modules/tickets/intake/intake.service.js';
import { TicketStagesService } from '../../modules/tickets/workflow/ticket-stages.service.js';
import { zonedCalendar } from '../../modules/sla/zoned-calendar.js';
import type { Actor } from '../../modules/users/roles.js';

const DAY = 86_400_000;

/** What a demo journey should look like on first start. */
type State = 'due' | 'overdue' | 'first-done' | 'kept' | 'left' | 'paused';

const JOURNEYS: { country: string; name: string; email: string; language: string; state: State }[] = [
  { country: 'nl', name: 'Eva Visser', email: 'eva.visser@example.nl', language: 'nl', state: 'due' },
  { country: 'nl', name: 'Daan Bakker', email: 'daan.bakker@example.nl', language: 'nl', state: 'overdue' },
  { country: 'nl', name: 'Sanne de Jong', email: 'sanne.dejong@example.nl', language: 'nl', state: 'first-done' },
  { country: 'nl', name: 'Lars Kok', email: 'lars.kok@example.nl', language: 'nl', state: 'kept' },
  { country: 'nl', name: 'Fenna Smit', email: 'fenna.smit@example.nl', language: 'nl', state: 'left' },
  { country: 'nl', name: 'Ruben Mulder', email: 'ruben.mulder@example.nl', language: 'nl', state: 'paused' },
  { country: 'no', name: 'Ola Hansen', email: 'ola.hansen@example.no', language: 'nb', state: 'due' },
  { country: 'no', name: 'Nora Berg', email: 'nora.berg@example.no', language: 'nb', state: 'kept' },
  { country: 'se', name: 'Maja Nilsson', email: 'maja.nilsson@example.se', language: 'sv', state: 'overdue' },
  { country: 'se', name: 'Erik Lind', email: 'erik.lind@example.se', language: 'sv', state: 'kept' },
];

/**
 * The loyalty demo: for each journey a sales ticket logged and closed through the normal
 * paths (which schedules the journey from now), then its contacts moved in time to the state
 * shown: a call due today, one overdue, the first call done, whole journeys whose last call
 * answered still a customer or not, and one paused by a new ticket. Self-contained: called
 * once from the demo seed with the dealers and the actors it made.
 */
export async function seedLoyaltyDemo(app: INestApplicationContext, dealers: Record<string, { id: string }>, staff: Record<string, Actor>): Promise<number> {
  const intake = app.get(IntakeService);
  const stages = app.get(TicketStagesService);
  const db = app.get(DataSource);
  const now = app.get(Clock).now();
  const directory = app.get(DealersService);
  for (const j of JOURNEYS) {
    const actor = staff[j.country];
    const dealerId = dealers[j.country].id;
    const dto = {
      dealerId, department: 'sales', category: 'delivery', channel: 'phone', severity: 'medium', receivedAt: new Date(now.getTime() - 20 * DAY).toISOString(),
      customer: { name: j.name, email: j.email, language: j.language }, account: 'The car was handed over without the second key and the floor mats we agreed.',
    } as CreateTicketDto;
    const { ref, customer } = await intake.create(actor, dto);
    for (const [stage, body] of [
      ['listen', { contactedVia: 'phone' }], ['apologise', { by: actor.name, how: 'phone' }], ['fix', { rootCause: 'process', action: 'Courier the key and the mats', owner: actor.name }],
      ['compensate', { noCompensation: { reason: 'Not wanted' } }], ['follow-up', { score: 5, via: 'phone' }], ['closed', { outcome: 'retained' }],
    ] as const) await stages.complete(actor, ref, stage, body);
    const calendar = zonedCalendar(await directory.get(dealerId));
    const contacts = await db.getRepository(Contact).find({ where: { customerId: customer.id }, order: { step: 'ASC' } });
    const at = (days: number) => new Date(now.getTime() - days * DAY);
    const move = (c: Contact, dueAt: Date, done?: Partial<Contact>) => db.getRepository(Contact).update({ id: c.id }, { dueAt, overdueAt: overdueAtFor(dueAt, calendar), ...done });
    const reached = (doneAt: Date, extra: Partial<Contact> = {}) => ({ state: 'done' as const, doneAt, doneById: actor.id, outcome: 'reached' as const, ...extra });
    const [first, message, last] = contacts;
    if (j.state === 'due') await move(first, at(0.05));
    if (j.state === 'overdue') await move(first, at(8));
    if (j.state === 'first-done') await move(first, at(3), reached(at(2), { note: 'Happy with the courier; mats fit.' }));
    if (j.state === 'kept' || j.state === 'left') {
      await move(first, at(330), reached(at(329), { note: 'All sorted.' }));
      await move(message, at(150), { state: 'done', doneAt: at(150), outcome: 'sent' });
      await move(last, at(2), reached(at(1), { stillCustomer: j.state === 'kept', note: j.state === 'kept' ? 'Booked the annual service.' : 'Moved away; services elsewhere now.' }));
    }
    if (j.state === 'paused') {
      await intake.create(actor, { ...dto, category: 'workmanship', receivedAt: undefined, account: 'A warning light came on a week after the handover.' } as CreateTicketDto);
    }
  }
  return JOURNEYS.length;
}
