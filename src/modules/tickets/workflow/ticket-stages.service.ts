import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../../common/errors/domain-error.js';
import { validateForm } from '../../../common/http/validation.js';
import type { Actor } from '../../users/roles.js';
import { Compensation } from '../compensations/compensation.entity.js';
import type { Ticket } from '../ticket.entity.js';
import type { EventActor, NewEvent } from '../timeline.js';
import { TicketsService } from '../tickets.service.js';
import type { TicketView } from '../ticket.presenter.js';
import {
  STAGE_BODIES, type ApologiseBody, type CloseBody, type CompensateBody, type FixBody, type FollowUpBody, type ListenBody,
} from './stage-bodies.dto.js';
import { TARGET_OF_STAGE } from '../../sla/sla-clock.js';
import type { SlaOp } from '../../sla/sla-timers.service.js';
import { ensure, TicketTransitionsService, type Change, type ChangeBy } from './ticket-transitions.service.js';
import {
  afterComplete, canComplete, canReopen, canResume, canWait, RECOVERED_AT_OR_ABOVE, REOPENED, STAGES, type Stage, type WorkflowState,
} from './ticket-workflow.js';
import { event, type EventData } from '../timeline-events.js';
import { isOpen } from '../compensations/compensation-workflow.js';

/** Completing stages, reopening, waiting and escalating: each one change through the transition path. */
@Injectable()
export class TicketStagesService {
  constructor(
    private readonly transitions: TicketTransitionsService,
    private readonly tickets: TicketsService,
  ) {}

  /** Completes `stage` with its body (validated here, since its shape depends on the stage). */
  async complete(actor: Actor, ref: string, stage: string, body: unknown): Promise<TicketView> {
    if (!(STAGES as readonly string[]).includes(stage)) throw new DomainError('stage.not-found', `No stage ${stage}; stages are ${STAGES.join(', ')}`);
    const target = stage as Stage;
    const { dto, errors, issues } = await validateForm(STAGE_BODIES[target] as new () => object, (body ?? {}) as object);
    if (errors.length) throw new DomainError('stage.body.invalid', errors.join('; '), errors, issues);
    const { ticket } = await this.transitions.apply({ actor }, ref, (ctx) => completeStage(ctx.ticket, ctx.m, ctx.now, target, dto, 'staff'));
    return this.tickets.viewById(ticket.id);
  }

  /**
   * The customer's rating from the tracking page: the follow-up, answered by them.
   * `viaReissuedLink`: given through a link staff reissued (and so have seen).
   */
  rate(customer: EventActor, ref: string, score: number, comment?: string, viaReissuedLink = false): Promise<{ ticket: Ticket }> {
    return this.transitions.apply({ as: customer }, ref, (ctx) =>
      completeStage(ctx.ticket, ctx.m, ctx.now, 'follow-up', { score, comment, via: 'tracking-link', viaReissuedLink } as unknown as FollowUpBody, 'customer'),
    );
  }

  async reopen(by: ChangeBy, ref: string, reason: string): Promise<Ticket> {
    const who = 'actor' in by ? 'staff' : 'customer';
    const { ticket } = await this.transitions.apply(by, ref, ({ ticket, now }) => {
      ensure(canReopen(state(ticket), who, ticket.closedAt, now));
      return reopenChange(ticket, { reason, by: who });
    });
    return ticket;
  }

  async wait(actor: Actor, ref: string, reason?: string): Promise<TicketView> {
    const { ticket } = await this.transitions.apply({ actor }, ref, ({ ticket }) => {
      ensure(canWait(state(ticket)));
      return { patch: { status: 'waiting-on-customer' }, sla: [{ op: 'pause' }], events: [event('waiting', { reason: reason ?? null })] };
    });
    return this.tickets.viewById(ticket.id);
  }

  async resume(actor: Actor, ref: string): Promise<TicketView> {
    const { ticket } = await this.transitions.apply({ actor }, ref, ({ ticket }) => {
      ensure(canResume(state(ticket)));
      return { patch: { status: 'open' }, sla: [{ op: 'resume' }], events: [event('resumed', {})] };
    });
    return this.tickets.viewById(ticket.id);
  }
}

function state(t: Ticket): WorkflowState {
  return { stage: t.stage, status: t.status };
}

function reopenChange(ticket: Ticket, data: EventData['reopened']): Change {
  return {
    patch: { ...REOPENED, closedAt: null, resolvedAt: null, outcome: null, reopenCount: ticket.reopenCount + 1 },
    sla: [{ op: 'restart', targets: ['fix', 'resolve'] }],
    events: [event('reopened', data)],
  };
}

/** The effect of completing each stage (API.md's stage table), after the workflow allows it. */
async function completeStage(ticket: Ticket, m: EntityManager, now: Date, target: Stage, body: object, by: 'staff' | 'customer'): Promise<Change> {
  ensure(canComplete(state(ticket), target));
  const change = await stageEffect(ticket, m, now, target, body, by);
  // The stage meets its deadline; closing stops the clocks; a reopen (low follow-up) brings its own restart.
  const met = TARGET_OF_STAGE[target];
  const clocks: SlaOp[] = met ? [{ op: 'meet', target: met }] : target === 'closed' ? [{ op: 'stop' }] : [];
  return { ...change, sla: [...clocks, ...(change.sla ?? [])], recomputeSla: true };
}

async function stageEffect(ticket: Ticket, m: EntityManager, now: Date, target: Stage, body: object, by: 'staff' | 'customer'): Promise<Change> {
  const completed = (data: Omit<EventData['stage-completed'], 'stage'>): NewEvent => event('stage-completed', { stage: target, ...data });
  switch (target) {
    case 'listen': {
      const b = body as ListenBody;
      const events: NewEvent[] = [completed({ contactedVia: b.contactedVia })];
      if (b.note) events.push(event('note', { body: b.note }));
      return { patch: afterComplete(state(ticket), target), events };
    }
    case 'apologise': {
      const b = body as ApologiseBody;
      const events: NewEvent[] = [completed({ by: b.by, how: b.how })];
      if (b.message) events.push(event('message-to-customer', { body: b.message }));
      return { patch: afterComplete(state(ticket), target), events };
    }
    case 'fix': {
      const b = body as FixBody;
      return {
        patch: { ...afterComplete(state(ticket), target), rootCause: b.rootCause },
        events: [completed({ rootCause: b.rootCause, rootCauseNote: b.rootCauseNote ?? null, action: b.action, owner: b.owner })],
      };
    }
    case 'compensate': {
      const b = body as CompensateBody;
      const compensations = await m.findBy(Compensation, { ticketId: ticket.id });
      const open = compensations.filter((c) => isOpen(c.state));
      if (open.length) {
        throw new DomainError('compensation.invalid-state', `Deliver or reject every compensation first (${open.map((c) => `${c.kind}: ${c.state}`).join(', ')})`);
      }
      const delivered = compensations.filter((c) => c.state === 'delivered');
      if (b.noCompensation && delivered.length) throw new DomainError('compensation.invalid-state', 'noCompensation cannot be given when a compensation was delivered');
      if (!b.noCompensation && !delivered.length) {
        throw new DomainError('compensation.invalid-state', 'Deliver a compensation, or send noCompensation with a reason');
      }
      return {
        patch: { ...afterComplete(state(ticket), target), resolvedAt: now },
        events: [completed({ noCompensation: b.noCompensation?.reason ?? null, delivered: delivered.map((c) => c.id) })],
      };
    }
    case 'follow-up': {
      const b = body as FollowUpBody & { viaReissuedLink?: boolean };
      const next = afterComplete(state(ticket), target, b.score);
      const reissued = b.viaReissuedLink === true;
      const answered = event(by === 'customer' ? 'rated' : 'follow-up', {
        stage: target, score: b.score, comment: b.comment ?? null, via: b.via, recovered: b.score >= RECOVERED_AT_OR_ABOVE, ...(by === 'customer' ? { viaReissuedLink: reissued } : {}),
      });
      // followUpScore is the customer's own answer, which the recovery rate counts; staff
      // have seen a reissued link, so a rating through it stays on the timeline only.
      const own = reissued ? {} : { followUpScore: b.score };
      if (next.stage === 'fix') {
        const reopen = reopenChange(ticket, { reason: `Follow-up answered ${b.score}/5`, by, score: b.score });
        return { patch: { ...reopen.patch, ...own }, sla: reopen.sla, events: [answered, ...reopen.events] };
      }
      return { patch: { ...next, ...own }, events: [answered] };
    }
    case 'closed': {
      const b = body as CloseBody;
      return { patch: { ...afterComplete(state(ticket), target), closedAt: now, outcome: b.outcome }, events: [event('closed', { outcome: b.outcome })] };
    }
  }
}
