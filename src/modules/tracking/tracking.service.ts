import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error.js';
import { hashToken } from '../../common/security/tokens.js';
import { DealersService } from '../dealers/dealers.service.js';
import { TicketsService } from '../tickets/tickets.service.js';
import { STAGES } from '../tickets/ticket-workflow.js';
import { eventText, STEP_LABELS } from './customer-words.js';

/** A tracking token is 32 random bytes in base64url. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export interface TrackingView {
  ref: string;
  dealer: { name: string };
  stage: string;
  status: string;
  stageText: string;
  steps: { stage: string; label: string; done: boolean; current: boolean }[];
  timeline: { type: string; at: string; text: string }[];
  messages: { at: string; from: 'dealer' | 'customer'; body: string }[];
  nextPromisedAt: string | null;
  canRate: boolean;
  canReopen: boolean;
}

/** The customer's view of their case, reached only through the private link. */
@Injectable()
export class TrackingService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly dealers: DealersService,
  ) {}

  async view(token: string): Promise<TrackingView> {
    // The hash is computed for every token, well-formed or not, so both answers cost the same.
    const hash = hashToken(token);
    const ticket = TOKEN_SHAPE.test(token) ? await this.tickets.findByTrackingHash(hash) : null;
    if (!ticket) throw new DomainError('tracking.not-found', 'No case found for this link');
    const [dealer, parts] = await Promise.all([this.dealers.get(ticket.dealerId), this.tickets.parts(ticket)]);
    const current = STAGES.indexOf(ticket.stage);
    const steps = STEP_LABELS.map((s, i) => ({ stage: s.stage, label: i < current ? s.done : s.doing, done: i < current, current: i === current }));
    const visible = parts.timeline.filter((e) => e.visibility === 'customer');
    return {
      ref: ticket.ref,
      dealer: { name: dealer.name },
      stage: ticket.stage,
      status: ticket.status,
      stageText: ticket.stage === 'closed' ? 'Your case is closed' : (steps[current]?.label ?? ''),
      steps,
      timeline: visible.map((e) => ({ type: e.type, at: e.at.toISOString(), text: eventText(e.type, e.data) })),
      messages: visible
        .filter((e) => e.type === 'message-to-customer' || e.type === 'message-from-customer')
        .map((e) => ({ at: e.at.toISOString(), from: e.type === 'message-to-customer' ? 'dealer' : 'customer', body: String(e.data.body ?? '') })),
      nextPromisedAt: ticket.nextDueAt?.toISOString() ?? null,
      canRate: false,
      canReopen: false,
    };
  }
}
