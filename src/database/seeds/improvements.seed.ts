import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock/clock.js';
import { insertRows } from '../../common/database/insert-rows.js';
import { Improvement, ImprovementEvent, ImprovementTicket } from '../../modules/improvements/improvement.entity.js';
import { IntakeService } from '../../modules/tickets/intake/intake.service.js';
import type { CreateTicketDto } from '../../modules/tickets/intake/create-ticket.dto.js';
import { TicketStagesService } from '../../modules/tickets/workflow/ticket-stages.service.js';
import { toActor, UsersService } from '../../modules/users/users.service.js';

const DAY = 24 * 3600 * 1000;
const WEEK = 7 * DAY;

/**
 * The outer loop in the demo: at Autohuis Utrecht, sales kept losing customers to waiting
 * (two or three "waiting-time" tickets a week); an improvement done 8 weeks ago brought it
 * down to about one every two weeks, so its effect chart shows the drop (and it may be
 * verified). At Fjord Bil Oslo a workshop improvement is in progress with its three tickets.
 *
 * Self-contained: it logs and fixes its own tickets through the services, then dates each
 * fix a day after its complaint (`fixedAt`; the timeline keeps the day the seed ran), and
 * writes the two improvements with their history as they would have happened.
 */
export async function seedImprovementsDemo(app: INestApplicationContext, dealers: Record<string, { id: string }>): Promise<void> {
  const users = app.get(UsersService);
  const intake = app.get(IntakeService);
  const stages = app.get(TicketStagesService);
  const ds = app.get(DataSource);
  const now = app.get(Clock).now();
  const quality = (await users.findByEmail('quality@demo.test'))!;
  const qualityActor = toActor(quality, 'session');
  const managerNl = (await users.findByEmail('sales.manager.nl@demo.test'))!;
  const doneAt = new Date(now.getTime() - 8 * WEEK - 2 * DAY);

  let n = 0;
  const fixed = async (dealerId: string, department: string, rootCause: string, receivedAt: Date): Promise<{ id: string; ref: string }> => {
    n++;
    const ticket = await intake.create(qualityActor, {
      dealerId, department, category: rootCause === 'waiting-time' ? 'waiting-time' : 'workmanship', channel: 'phone', severity: 'medium', receivedAt: receivedAt.toISOString(),
      customer: { name: `Demo customer ${n}`, email: `demo.outer.loop.${n}@example.com` },
      account: rootCause === 'waiting-time' ? 'I waited forty minutes at the sales desk and nobody came back to me.' : 'The noise came back a week after the repair.',
    } as CreateTicketDto);
    await stages.complete(qualityActor, ticket.ref, 'listen', { contactedVia: 'phone' });
    await stages.complete(qualityActor, ticket.ref, 'apologise', { by: quality.name, how: 'phone' });
    await stages.complete(qualityActor, ticket.ref, 'fix', { rootCause, action: 'Called back and booked a slot', owner: quality.name });
    await ds.createQueryBuilder().update('tickets').set({ fixedAt: new Date(receivedAt.getTime() + DAY) }).where('id = :id', { id: ticket.id }).execute();
    return { id: ticket.id, ref: ticket.ref };
  };

  // Before: 2–3 a week for 12 weeks; after: every other week.
  const before = [3, 2, 2, 3, 2, 3, 2, 2, 3, 2, 2, 3];
  const prompted: { id: string; ref: string }[] = [];
  for (const [w, count] of before.entries()) {
    for (let i = 0; i < count; i++) {
      const t = await fixed(dealers.nl.id, 'sales', 'waiting-time', new Date(doneAt.getTime() - (12 - w) * WEEK + (i * 2 + 1) * DAY));
      if (w >= 10) prompted.push(t);
    }
  }
  for (const w of [1, 3, 6]) await fixed(dealers.nl.id, 'sales', 'waiting-time', new Date(doneAt.getTime() + w * WEEK + DAY));

  const waiting = {
    id: randomUUID(), title: 'A colleague steps in when a customer waits 10 minutes at the sales desk', dealerId: dealers.nl.id, department: 'sales', rootCause: 'waiting-time',
    ownerId: managerNl.id, dueDate: new Date(doneAt.getTime() + DAY).toISOString().slice(0, 10), status: 'done' as const, dropReason: null, doneAt,
    createdById: quality.id, createdAt: new Date(doneAt.getTime() - 3 * WEEK), updatedAt: doneAt, ownerNotifiedAt: null, managersNotifiedAt: null,
  };
  const workshop = {
    id: randomUUID(), title: 'Road-test every noise repair with the customer before handing the car back', dealerId: dealers.no.id, department: 'service', rootCause: 'workmanship',
    ownerId: quality.id, dueDate: new Date(now.getTime() + 2 * WEEK).toISOString().slice(0, 10), status: 'in-progress' as const, dropReason: null, doneAt: null,
    createdById: quality.id, createdAt: new Date(now.getTime() - 2 * WEEK), updatedAt: new Date(now.getTime() - 10 * DAY), ownerNotifiedAt: null, managersNotifiedAt: null,
  };
  const workshopTickets: { id: string; ref: string }[] = [];
  for (const d of [40, 25, 18]) workshopTickets.push(await fixed(dealers.no.id, 'service', 'workmanship', new Date(now.getTime() - d * DAY)));

  await ds.transaction(async (m) => {
    await insertRows(m, Improvement, [waiting, workshop]);
    await insertRows(m, ImprovementTicket, [
      ...prompted.map((t) => ({ id: randomUUID(), improvementId: waiting.id, ticketId: t.id, linkedAt: waiting.createdAt })),
      ...workshopTickets.map((t) => ({ id: randomUUID(), improvementId: workshop.id, ticketId: t.id, linkedAt: workshop.createdAt })),
    ]);
    const who = { actorId: quality.id, actorName: quality.name };
    const events: Partial<ImprovementEvent>[] = [
      { improvementId: waiting.id, type: 'created', at: waiting.createdAt, ...who, data: { status: 'proposed', tickets: prompted.map((t) => t.ref) } },
      { improvementId: waiting.id, type: 'status-changed', at: new Date(waiting.createdAt.getTime() + DAY), actorId: managerNl.id, actorName: managerNl.name, data: { from: 'proposed', to: 'in-progress', note: null } },
      { improvementId: waiting.id, type: 'status-changed', at: doneAt, actorId: managerNl.id, actorName: managerNl.name, data: { from: 'in-progress', to: 'done', note: 'Rota changed; the desk bell rings in the back office' } },
      { improvementId: workshop.id, type: 'created', at: workshop.createdAt, ...who, data: { status: 'proposed', tickets: workshopTickets.map((t) => t.ref) } },
      { improvementId: workshop.id, type: 'status-changed', at: workshop.updatedAt, ...who, data: { from: 'proposed', to: 'in-progress', note: null } },
    ];
    await insertRows(m, ImprovementEvent, events as never);
  });
}
