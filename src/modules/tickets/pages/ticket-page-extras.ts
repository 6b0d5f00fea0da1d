import { Injectable } from '@nestjs/common';
import type { Actor } from '../../users/roles.js';

/** What another module adds to the ticket page: model fields for a ticket the caller may see. */
export type TicketPageExtra = (actor: Actor, ticket: { id: string; dealerId: string }) => Promise<Record<string, unknown>>;

/**
 * The ticket page's panels that belong to other modules (the improvements a ticket is linked
 * to): those modules register here, so tickets stays ignorant of its clients.
 */
@Injectable()
export class TicketPageExtras {
  private readonly extras: TicketPageExtra[] = [];

  register(extra: TicketPageExtra): void {
    this.extras.push(extra);
  }

  async of(actor: Actor, ticket: { id: string; dealerId: string }): Promise<Record<string, unknown>> {
    const parts = await Promise.all(this.extras.map((e) => e(actor, ticket)));
    return Object.assign({}, ...parts);
  }
}
