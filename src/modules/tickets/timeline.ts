import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { Actor } from '../users/roles.js';
import { TimelineEvent, type ActorType, type Visibility } from './timeline-event.entity.js';
import { insertRows } from '../../common/database/insert-rows.js';

export interface EventActor {
  type: ActorType;
  id: string | null;
  name: string | null;
}

export const SYSTEM_ACTOR: EventActor = { type: 'system', id: null, name: 'Amends' };

export function userActor(actor: Actor): EventActor {
  return { type: 'user', id: actor.id, name: actor.name };
}

export interface NewEvent {
  type: string;
  visibility: Visibility;
  data?: Record<string, unknown>;
}

/** Appends events to a ticket's history inside the caller's transaction. History is never edited. */
export async function appendEvents(m: EntityManager, ticketId: string, actor: EventActor, at: Date, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await insertRows(
    m,
    TimelineEvent,
    events.map((e) => ({
      ticketId,
      type: e.type,
      at,
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      visibility: e.visibility,
      data: e.data ?? {},
    })) as QueryDeepPartialEntity<TimelineEvent>[],
  );
}
