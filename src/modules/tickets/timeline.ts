import type { EntityManager } from 'typeorm';
import type { Actor } from '../users/roles.js';
import { TimelineEvent, type ActorType } from './timeline-event.entity.js';
import { VISIBILITY, type TimelineEvent as Event } from './timeline-events.js';
import { insertPlainRows } from '../../common/database/insert-rows.js';

export interface EventActor {
  type: ActorType;
  id: string | null;
  name: string | null;
}

export const SYSTEM_ACTOR: EventActor = { type: 'system', id: null, name: 'Amends' };

export function userActor(actor: Actor): EventActor {
  return { type: 'user', id: actor.id, name: actor.name };
}

/** An event to append: one of the typed kinds (timeline-events.ts); its kind decides who sees it. */
export type NewEvent = Event;

/** Appends events to a ticket's history inside the caller's transaction. History is never edited. */
export async function appendEvents(m: EntityManager, ticketId: string, actor: EventActor, at: Date, events: NewEvent[]): Promise<void> {
  await appendEventsOfMany(m, actor, at, [{ ticketId, events }]);
}

/** The events of several tickets in one INSERT, in the order given (their ids keep it). */
export async function appendEventsOfMany(m: EntityManager, actor: EventActor, at: Date, batch: { ticketId: string; events: NewEvent[] }[]): Promise<void> {
  const rows = batch.flatMap(({ ticketId, events }) =>
    events.map((e) => ({
      ticketId,
      type: e.type,
      at,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      visibility: VISIBILITY[e.type],
      data: e.data,
    })),
  );
  // As many rows a statement as the parameter limit allows; ids increase in the order given.
  await insertPlainRows<TimelineEvent>(m, TimelineEvent, rows);
}
