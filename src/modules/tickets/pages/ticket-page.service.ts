import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Clock } from '../../../common/clock/clock.js';
import { submitForm } from '../../../common/http/form-page.js';
import type { FieldMap } from '../../../common/http/form-errors.js';
import type { AuthenticatedRequest } from '../../users/auth.decorators.js';
import { dealerApprovalLimits, DealersService } from '../../dealers/dealers.service.js';
import type { Actor } from '../../users/roles.js';
import { UsersService } from '../../users/users.service.js';
import { mayTake } from '../../users/assignable.js';
import { customerLanguage, translateTree } from '../../../common/i18n/translator.js';
import { deskNames, styleWords } from './desk-words.js';
import { explainView } from './sla-explain-view.js';
import { ticketPageModel } from './ticket-page.model.js';
import { TicketPageExtras } from './ticket-page-extras.js';
import { TicketsService } from '../tickets.service.js';

/** Gathers what the ticket page needs; shared by the page and the forms that show it again with errors. */
@Injectable()
export class TicketPageService {
  constructor(
    private readonly tickets: TicketsService,
    private readonly dealers: DealersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly extras: TicketPageExtras,
  ) {}

  /**
   * Runs a ticket-page form's action: back to the ticket on success, or the ticket page
   * again with the refusal shown by the form that was sent (`form`): its messages under its
   * fields and its summary beside it. Unknown tickets (and other dealers') go to the error page.
   */
  act(actor: Actor, req: AuthenticatedRequest, res: Response, ref: string, work: () => Promise<unknown>, form: { form: string; fields?: FieldMap } = { form: 'ticket' }): Promise<void> {
    return submitForm(
      res,
      async () => {
        await work();
        res.redirect(303, `/tickets/${encodeURIComponent(ref)}?done=1`);
      },
      // A missing escalation or compensation of a visible ticket is shown beside its form like any refusal;
      // a ticket outside the scope still ends on the error page (404), as model() refuses to read it.
      { view: 'tickets/show', model: () => this.model(actor, req.sessionCsrf, ref), language: actor.language ?? 'en', ...form },
    );
  }

  async model(actor: Actor, csrfToken: string | undefined, ref: string, errors: string[] = [], done = false) {
    const ticket = await this.tickets.view(actor, ref);
    const dealer = await this.dealers.get(ticket.dealerId);
    const users = await this.users.list(actor);
    const assignees = users.filter((u) => mayTake(u, ticket.dealerId));
    const model = ticketPageModel(ticket, { actor, limits: dealerApprovalLimits(dealer), currency: dealer.currency, now: this.clock.now(), assignees });
    // "How is this counted?" under each deadline, in the signed-in user's own language.
    const language = users.find((u) => u.id === actor.id)?.language ?? 'en';
    const explained = await this.tickets.slaExplanations(ticket, ticket.timeline);
    const slaExplain = Object.fromEntries(explained.flatMap(({ target, explanation }) => (explanation ? [[target, explainView(explanation, { language, calendar: dealer.calendar })]] : [])));
    // The forms this page shows, by the name they are sent under: a refusal's summary goes beside its form,
    // or at the top when the form is no longer shown (the ticket moved on meanwhile).
    const shownForms = [
      'compensation', 'decide', 'message', 'customer', 'assign',
      ...(model.escalations.length ? ['ack'] : []), ...(model.stagePartial ? ['stage'] : []), ...(model.canResume ? ['resume'] : []),
      ...(model.canReopen ? ['reopen'] : []), ...(model.canEscalate ? ['escalate'] : []), ...(model.canWait ? ['wait'] : []),
    ];
    // The page's words, the values' names and the style's advice in the reader's language.
    const lang = customerLanguage(language);
    const t = translateTree(lang, 'ticket') as Record<string, string>;
    const style = ticket.customer.style ? (styleWords(lang, ticket.customer.style.colour) ?? model.style) : null;
    return {
      title: ticket.ref, actor, csrfToken, ticket, dealer, errors, notice: done ? t.saved : null, ...model, style, slaExplain, shownForms, lang, t, n: deskNames(lang), improvementStatuses: translateTree(lang, 'improvements.statuses'),
      ...(await this.extras.of(actor, ticket)),
    };
  }
}
