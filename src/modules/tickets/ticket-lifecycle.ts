import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Ticket } from './ticket.entity.js';

/** Work another module does when a ticket opens (logged, or reopened after closing) or closes, inside the transaction that does it. */
export type LifecycleHook = (m: EntityManager, ticket: Ticket, now: Date) => Promise<void>;
/** The same for tickets opening together (an import logs several at once): one call for them all. */
export type OpenedHook = (m: EntityManager, tickets: Ticket[], now: Date) => Promise<void>;

/**
 * Where clients of tickets (the loyalty journey) hook into a ticket's opening and closing
 * without tickets knowing them: they register here at start-up; intake and the one
 * transition path call the hooks inside their transaction, so the reaction exists exactly
 * when its cause does.
 */
@Injectable()
export class TicketLifecycle {
  private readonly openedHooks: OpenedHook[] = [];
  private readonly closedHooks: LifecycleHook[] = [];

  onOpened(hook: OpenedHook): void {
    this.openedHooks.push(hook);
  }

  onClosed(hook: LifecycleHook): void {
    this.closedHooks.push(hook);
  }

  async opened(m: EntityManager, tickets: Ticket[], now: Date): Promise<void> {
    if (!tickets.length) return;
    for (const hook of this.openedHooks) await hook(m, tickets, now);
  }

  async closed(m: EntityManager, ticket: Ticket, now: Date): Promise<void> {
    for (const hook of this.closedHooks) await hook(m, ticket, now);
  }
}
