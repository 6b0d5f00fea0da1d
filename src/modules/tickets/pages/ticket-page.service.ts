import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '../../../common/clock/clock.js';
import { DomainError, statusForCode } from '../../../common/errors/domain-error.js';
import type { AuthenticatedRequest } from '../../users/auth.decorators.js';
import { dealerApprovalLimits, DealersService } from '../../dealers/dealers.service.js';
import type { Actor } from '../../users/roles.js';
import { UsersService } from '../../users/users.service.js';
import { mayTake } from '../../users/assignable.js';
import { explainView } from './sla-explain-view.js';
import { ticketPageModel } from './ticket-page.model.js';
import { TicketsService } from '../tickets.service.js';

/** The ticket page's forms, by the section whose errors show beside them. */
export type TicketFormSection = 'top' | 'escalations' | 'stage' | 'resume' | 'reopen' | 'compensation' | 'messages' | 'customer' | 'assign' | 'escalate' | 'wait';

/** Gathers what the ticket page needs; shared by the page and the forms that show it again with errors. */
@Injectable()
export class TicketPageService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly dealers: DealersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs a ticket-page form's action: back to the ticket on success, or the ticket page
   * again with the refusal shown beside the form that was sent (`at`, the form's section).
   * A ticket the user may not see stays a 404 error page; a missing part of a visible
   * ticket (an escalation or compensation id) is an error beside its form like any other.
   */
  async act(actor: Actor, req: AuthenticatedRequest, res: Response, ref: string, work: () => Promise<unknown>, at: TicketFormSection = 'top'): Promise<void> {
    try {
      await work();
      res.redirect(303, `/tickets/${encodeURIComponent(ref)}?done=1`);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      // model() refuses (404) a ticket outside the scope: then the error page, as before.
      const model = await this.model(actor, req.sessionCsrf, ref, e.details ?? [e.message], false, at);
      res.status(statusForCode(e.code)).render('tickets/show', model);
    }
  }

  async model(actor: Actor, csrfToken: string | undefined, ref: string, errors: string[] = [], done = false, errorsAt: TicketFormSection = 'top') {
    const ticket = await this.tickets.view(actor, ref);
    const dealer = await this.dealers.get(ticket.dealerId);
    const users = await this.users.list(actor);
    const assignees = users.filter((u) => mayTake(u, ticket.dealerId));
    const model = ticketPageModel(ticket, { actor, limits: dealerApprovalLimits(dealer), currency: dealer.currency, now: this.clock.now(), assignees });
    // "How is this counted?" under each deadline, in the signed-in user's own language.
    const language = users.find((u) => u.id === actor.id)?.language ?? 'en';
    const explained = await this.tickets.slaExplanations(ticket, ticket.timeline);
    const slaExplain = Object.fromEntries(explained.flatMap(({ target, explanation }) => (explanation ? [[target, explainView(explanation, { language, calendar: dealer.calendar })]] : [])));
    // A form the page no longer offers (the ticket moved on meanwhile): its errors show at the top.
    const shown: Record<TicketFormSection, unknown> = {
      top: true, escalations: model.escalations.length, stage: model.stagePartial, resume: model.canResume, reopen: model.canReopen,
      compensation: true, messages: true, customer: true, assign: true, escalate: model.canEscalate, wait: model.canWait,
    };
    return { title: ticket.ref, actor, csrfToken, ticket, dealer, errors, errorsAt: shown[errorsAt] ? errorsAt : 'top', notice: done ? 'Saved.' : null, ...model, slaExplain };
  }
}
