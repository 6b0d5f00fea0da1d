import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { insertRows } from '../../common/database/insert-rows.js';
import { UnitOfWork } from '../../common/database/unit-of-work.js';
import { hashToken, randomToken } from '../../common/security/tokens.js';
import { OutboxWorker } from '../notifications/outbox.worker.js';
import { TicketTransitionsService } from '../tickets/workflow/ticket-transitions.service.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { TicketRepository, type TrackedTicket } from '../tickets/ticket.repository.js';
import { rawRows } from '../../common/database/row-values.js';
import { canRate } from '../tickets/workflow/ticket-workflow.js';
import type { Actor } from '../users/roles.js';
import { TrackingLink } from './tracking-link.entity.js';
import { event } from '../tickets/timeline-events.js';

const REISSUED = 'tracking-link-reissued' as const;

/**
 * The customer's links: the one handed over at intake (its hash on the ticket) and one
 * minted for each customer e-mail as it is sent. Tokens are 256 random bits; only their
 * hashes are stored. Staff can revoke them all and issue a new one.
 */
@Injectable()
export class TrackingLinksService implements OnModuleInit {
  constructor(
    @InjectRepository(TrackingLink) private readonly links: Repository<TrackingLink>,
    private readonly tickets: TicketRepository,
    private readonly outbox: OutboxWorker,
    private readonly transitions: TicketTransitionsService,
    private readonly ticketsRead: TicketsService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    // A batch of mails at once: their tickets in one read, their links in one INSERT.
    this.outbox.registerEnricher('tracking-link', async (items) => {
      const ids = [...new Set(items.map((data) => String(data.ticketId)))];
      const tickets = await this.tickets.trackedByIds(ids);
      const now = this.clock.now();
      const rows: TrackingLink[] = [];
      const answers = items.map((data) => {
        const ticket = tickets.get(String(data.ticketId));
        if (!ticket) return null;
        // A follow-up request that comes after the customer already answered is not sent.
        if (data.onlyIfAwaitingRating && !canRate({ stage: ticket.stage, status: ticket.status })) return null;
        const token = randomToken();
        rows.push({ id: randomUUID(), ticketId: ticket.id, tokenHash: hashToken(token), createdAt: now, revokedAt: null } as TrackingLink);
        return { link: this.url(token) };
      });
      if (rows.length) await this.uow.run((m) => insertRows(m, TrackingLink, rows));
      return answers;
    });
  }

  /** A new link to the ticket; the token is in the answer only. */
  async mint(ticketId: string): Promise<string> {
    const token = randomToken();
    await this.uow.run((m) => m.insert(TrackingLink, { id: randomUUID(), ticketId, tokenHash: hashToken(token), createdAt: this.clock.now(), revokedAt: null }));
    return this.url(token);
  }

  /** The ticket a token opens, by its hash; unknown and revoked tokens alike find nothing. Read as rows, not entities. */
  async ticketFor(hash: string): Promise<TrackedTicket | null> {
    const direct = await this.ticketsRead.trackedByHash(hash);
    if (direct) return direct;
    const [link] = await rawRows<{ ticketId: string }>(this.links.manager, 'SELECT "ticketId" FROM tracking_links WHERE "tokenHash" = ? AND "revokedAt" IS NULL', [hash]);
    return link ? this.ticketsRead.trackedById(link.ticketId) : null;
  }

  /** Whether staff ever reissued the ticket's link (the ticket's own link is then one they saw). */
  wasReissued(ticketId: string): Promise<boolean> {
    return this.tickets.hasEvent(ticketId, REISSUED);
  }

  /** Revokes every link of the ticket and issues a new one, shown once. */
  async reissue(actor: Actor, ref: string): Promise<{ trackingUrl: string }> {
    const token = randomToken();
    await this.transitions.apply({ actor }, ref, async ({ ticket, m, now }) => {
      await m.update(TrackingLink, { ticketId: ticket.id, revokedAt: IsNull() }, { revokedAt: now });
      return { patch: { trackingTokenHash: hashToken(token) }, events: [event(REISSUED, {})] };
    });
    return { trackingUrl: this.url(token) };
  }

  private url(token: string): string {
    return `${this.config.publicUrl}/track/${token}`;
  }
}
