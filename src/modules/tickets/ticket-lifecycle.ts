import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Ticket } from './ticket.entity.js';

/** Work another module does when a ticket opens (logged, or reopened after closing) or closes, inside the transaction that does it. */
export type LifecycleHook = (m: EntityManager, ticket: Ticket, now: Date) => Promise<void>;

/**
 * Where clients of tickets (the loyalty journey) hook into a ticket's opening and closing
 * without tickets knowing them: they register here at start-up; intake and the one
 * transition path call the hooks inside their transaction, so the reaction exists exactly
 * when its cause does.
 */
@Injectable()
export class TicketLifecycle {
  private readonly openedHooks: LifecycleHook[] = [];
  private readonly closedHooks: LifecycleHook[] = [];

  onOpened(hook: LifecycleHook): void {
    this.openedHooks.push(hook);
  }

  onClosed(hook: LifecycleHook): void {
    this.closedHooks.push(hook);
  }

  async opened(m: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    for (const hook of this.openedHooks) await hook(m, ticket, now);
  }

  async closed(m: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    for (const hook of this.closedHooks) await hook(m, ticket, now);
  }
}
