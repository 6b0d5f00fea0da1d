import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../../common/clock/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { hashToken } from '../../common/security/tokens.js';
import { DealersService } from '../dealers/dealers.service.js';
import type { TrackedTicket } from '../tickets/ticket.repository.js';
import type { EventActor } from '../tickets/timeline.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { TicketTransitionsService } from '../tickets/workflow/ticket-transitions.service.js';
import { TicketStagesService } from '../tickets/workflow/ticket-stages.service.js';
import { canRate, canReopen, STAGES } from '../tickets/workflow/ticket-workflow.js';
import { customerLanguage, translate, translateTree } from '../../common/i18n/translator.js';
import { WEEKDAYS } from '../dealers/calendar.js';
import { writtenPromise } from '../../common/i18n/written-date.js';
import { CUSTOMER_STEPS, eventKey, givenText } from './customer-words.js';
import { trackingLinkExpired } from './link-expiry.js';
import { TrackingLinksService } from './tracking-links.service.js';
import { event, parseEvent } from '../tickets/timeline-events.js';

/** A tracking token is 32 random bytes in base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface TrackingView {
  ref: string;
  language: string;
  dealer: { name: string; timeZone: string; phone: string | null; address: string | null; openingHours: { day: string; hours: string }[] };
  stage: string;
  status: string;
  stageText: string;
  /** `given`: on the compensate step, what each delivered compensation gave, in the customer's words. */
  steps: { stage: string; label: string; done: boolean; current: boolean; given: string[] }[];
  timeline: { type: string; at: string; text: string }[];
  messages: { at: string; from: 'dealer' | 'customer'; body: string }[];
  nextPromisedAt: string | null;
  /** "U hoort uiterlijk 2 december om 15:00 van ons." */
  promise: string | null;
  canRate: boolean;
  canReopen: boolean;
  /** The page's words in the customer's language. */
  labels: Record<string, unknown>;
}

/** The customer's view of their case, and what they may do, reached only through the private link. */
@Injectable()
export class TrackingService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly dealers: DealersService,
    private readonly transitions: TicketTransitionsService,
    private readonly stages: TicketStagesService,
    private readonly links: TrackingLinksService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The customer's view, in `language` when asked for, else the customer's, else the dealer's. */
  async view(token: string, language?: string): Promise<TrackingView> {
    const ticket = await this.find(token);
    // The customer's side only: their language and the events they may see, read as rows.
    const [dealer, side] = await Promise.all([this.dealers.get(ticket.dealerId), this.tickets.customerSide(ticket)]);
    const lang = customerLanguage(language, side.language ?? undefined, dealer.language);
    const current = STAGES.indexOf(ticket.stage);
    const closed = ticket.status === 'closed';
    const visible = side.timeline;
    const given = visible.filter((e) => e.type === 'compensation-delivered').map((e) => givenText(lang, e.data));
    const steps = CUSTOMER_STEPS.map((stage, i) => {
      // Amends given at the counter, before the fix, still count: that step is done, the fix is what happens now.
      const done = closed || i < current || (stage === 'compensate' && given.length > 0 && i !== current);
      return { stage, label: translate(lang, `steps.${stage}.${done ? 'done' : 'doing'}`), done, current: !closed && i === current, given: stage === 'compensate' ? given : [] };
    });
    const state = { stage: ticket.stage, status: ticket.status };
    return {
      ref: ticket.ref,
      language: lang,
      dealer: {
        name: dealer.name,
        timeZone: dealer.timeZone,
        phone: dealer.phone,
        address: dealer.address,
        openingHours: WEEKDAYS.map((d) => ({
          day: translate(lang, `days.${d}`),
          hours: (dealer.calendar.weekly[d] ?? []).map(([a, b]) => `${a}–${b}`).join(', ') || translate(lang, 'page.closed'),
        })),
      },
      stage: ticket.stage,
      status: ticket.status,
      stageText: closed ? translate(lang, 'steps.closed') : (steps.find((s) => s.current)?.label ?? steps.at(-1)!.label),
      steps,
      timeline: visible.map(({ at, ...row }) => {
        const e = parseEvent(row);
        return { type: row.type, at, text: e.type === 'compensation-delivered' ? givenText(lang, e.data) : translate(lang, eventKey(e), { score: row.data.score }) };
      }),
      messages: visible.flatMap(({ at, ...row }): { at: string; from: 'dealer' | 'customer'; body: string }[] => {
        const e = parseEvent(row);
        if (e.type === 'message-to-customer') return [{ at, from: 'dealer', body: e.data.body }];
        if (e.type === 'message-from-customer') return [{ at, from: 'customer', body: e.data.body }];
        return [];
      }),
      nextPromisedAt: ticket.nextDueAt,
      promise: ticket.nextDueAt && !closed ? translate(lang, 'page.promise', { date: writtenPromise(ticket.nextDueAt, dealer.timeZone, lang, this.clock.now()) }) : null,
      canRate: canRate(state),
      canReopen: canReopen(state, 'customer', ticket.closedAt, this.clock.now()).ok,
      labels: Object.fromEntries(['page', 'rating', 'messages', 'reopen', 'history', 'notFound'].map((k) => [k, translateTree(lang, k)])),
    };
  }

  /** The customer writes back; it shows on the ticket's timeline. */
  async postMessage(token: string, body: string): Promise<TrackingView> {
    const ticket = await this.find(token);
    await this.transitions.apply({ as: await this.customerActor(ticket) }, ticket.ref, ({ ticket }) => {
      if (ticket.status === 'closed') throw new DomainError('tracking.invalid-state', 'This case is closed; reopen it to write to us');
      return { events: [event('message-from-customer', { body })] };
    });
    return this.view(token);
  }

  /** The customer's rating answers the follow-up; 1–2 reopens the case. */
  async rate(token: string, score: number, comment?: string): Promise<TrackingView> {
    const ticket = await this.find(token);
    if (!canRate({ stage: ticket.stage, status: ticket.status })) {
      throw new DomainError('tracking.invalid-state', 'Rating opens once your case is resolved, and only once');
    }
    // The ticket's own link after a reissue is the one staff were shown: its rating is marked, not counted as the customer's.
    const viaReissuedLink = ticket.trackingTokenHash === hashToken(token) && (await this.links.wasReissued(ticket.id));
    await this.stages.rate(await this.customerActor(ticket), ticket.ref, score, comment, viaReissuedLink);
    return this.view(token);
  }

  async reopen(token: string, reason: string): Promise<TrackingView> {
    const ticket = await this.find(token);
    await this.stages.reopen({ as: await this.customerActor(ticket) }, ticket.ref, reason);
    return this.view(token);
  }

  private async find(token: string): Promise<TrackedTicket> {
    // The hash is computed for every token, well-formed or not, so both answers cost the same.
    const hash = hashToken(token);
    const ticket = TOKEN_SHAPE.test(token) ? await this.links.ticketFor(hash) : null;
    if (!ticket || trackingLinkExpired(ticket, this.clock.now(), this.config.trackingLinkDaysAfterClose)) {
      throw new DomainError('tracking.not-found', 'No case found for this link');
    }
    return ticket;
  }

  private async customerActor(ticket: TrackedTicket): Promise<EventActor> {
    const customer = await this.tickets.customerOf(ticket);
    return { type: 'customer', id: customer.id, name: customer.name };
  }
}
