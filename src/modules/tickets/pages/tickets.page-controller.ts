import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { CustomerTickets } from '../customers/customer-tickets.read-model.js';
import { Clock } from '../../../common/clock/clock.js';
import { showFormAgain, submitForm } from '../../../common/http/form-page.js';
import { formErrors, type FormErrors } from '../../../common/http/form-errors.js';
import { DomainError } from '../../../common/errors/domain-error.js';
import { validated, validateForm } from '../../../common/http/validation.js';
import { IdempotencyService } from '../../../common/idempotency/idempotency.service.js';
import { parseIdempotencyKey, requestHash } from '../../../common/idempotency/idempotency-rules.js';
import { DealersService } from '../../dealers/dealers.service.js';
import { TicketPageService } from './ticket-page.service.js';
import { trackingQrSvg } from './tracking-qr.js';
import { OutboxService } from '../../notifications/outbox.service.js';
import { UsersService } from '../../users/users.service.js';
import { SessionFlashService } from '../../users/session-flash.service.js';
import { sessionToken } from '../../users/session-cookie.js';
import { CurrentActor, type AuthenticatedRequest } from '../../users/auth.decorators.js';
import type { Actor } from '../../users/roles.js';
import { CreateTicketDto } from '../intake/create-ticket.dto.js';
import { intakeFormToPayload, moreDetailsOpen, type IntakeForm } from '../intake/intake-form.js';
import { IntakeService } from '../intake/intake.service.js';
import { ListTicketsQuery } from '../queue/list-tickets.query.js';
import { CATEGORIES, CHANNELS, COMPENSATION_KINDS, LANGUAGES, SEVERITIES, SLA_STATES, STATUSES } from '../ticket-values.js';
import { BulkAssignDto } from '../ticket-actions.dto.js';
import { TicketActionsService } from '../ticket-actions.service.js';
import { STAGES } from '../workflow/ticket-workflow.js';
import type { Facet } from '../queue/queue-facets.js';
import { TicketsService } from '../tickets.service.js';
import { ACCOUNT_START_CHARS, SEARCH_COUNT_CAP, TicketQueueService } from '../queue/ticket-queue.service.js';
import { subjectExcerpt } from '../queue/queue-subject.js';
import { queueViews } from '../queue/queue-views.js';
import type { TicketPage } from '../queue/ticket-queue.service.js';
import { dealerOptions, queueDealers } from './queue-dealer-filter.js';
import { mayTake, mayTakeAll } from '../../users/assignable.js';
import { customerLanguage, translateTree } from '../../../common/i18n/translator.js';
import { deskNames } from './desk-words.js';
import { viewHelpers as words } from '../../../common/views/view-helpers.js';
import { intakeWords, receiptWords } from './intake-words.js';

/** The intake payload's paths → the form's inputs. */
const INTAKE_FIELDS = {
  'customer.name': 'customerName',
  'customer.email': 'customerEmail',
  'customer.phone': 'customerPhone',
  'customer.language': 'customerLanguage',
  'customer.style': 'styleEnergy',
  customer: 'customerEmail',
  'customer.invalid': 'customerEmail',
  'customer.email.conflict': 'customerEmail',
  receivedAt: 'minutesAgo',
  'vehicle.registration': 'vehicleRegistration',
  'vehicle.model': 'vehicleModel',
  'saleAtRisk.model': 'saleModel',
  'saleAtRisk.value.amount': 'saleValue',
  'saleAtRisk.value': 'saleValue',
  'onTheSpot.compensation.kind': 'compensationKind',
  'onTheSpot.compensation.value.amount': 'compensationAmount',
  'onTheSpot.compensation.value': 'compensationAmount',
  'onTheSpot.compensation.note': 'compensationNote',
  'ticket.dealer-id.invalid': 'dealerId',
  'ticket.dealer.forbidden': 'dealerId',
  'compensation.approval.forbidden': 'compensationAmount',
  'compensation.over-limit': 'compensationAmount',
};

/** The queue's filters that have a box on the page; the rest (the views, the order, the page link) come only in a link. */
const FILTER_INPUTS = new Set(['dealerId', 'status', 'stage', 'slaState', 'severity', 'department', 'channel', 'assigneeId', 'q']);

/** A refused filter goes under its box; one without a box is said at the top only. */
function filterErrors(errors: FormErrors): FormErrors {
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([f]) => FILTER_INPUTS.has(f)));
  const summary = errors.summary.map((s) => (s.field && !FILTER_INPUTS.has(s.field) ? { ...s, field: null } : s));
  return { ...errors, fields, summary, first: summary.find((s) => s.field)?.field ?? null };
}

/** The staff pages for logging and reading tickets; the same services as the JSON API. */
@ApiExcludeController()
@Controller()
export class TicketsPageController {
  constructor(
    private readonly intake: IntakeService,
    private readonly tickets: TicketsService,
    private readonly queue: TicketQueueService,
    private readonly dealers: DealersService,
    private readonly ticketPage: TicketPageService,
    private readonly actions: TicketActionsService,
    private readonly users: UsersService,
    private readonly flash: SessionFlashService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly customerTickets: CustomerTickets,
    private readonly outbox: OutboxService,
  ) {}

  @Get('intake')
  async intakePage(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    // The common case at the counter: walk-in, medium, the user's own department (when the dealer has it, the form preselects it).
    res.render('intake/new', await this.intakeModel(actor, req, { channel: 'walk-in', severity: 'medium', department: actor.department ?? undefined }));
  }

  @Post('intake')
  async submitIntake(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() form: IntakeForm, @Res() res: Response) {
    const dealers = await this.dealers.listFor(actor);
    // A single-dealer user's form may leave the dealer out; one naming a dealer outside the scope is refused, never re-aimed.
    const dealer = dealers.find((d) => d.id === form.dealerId) ?? (!form.dealerId && dealers.length === 1 ? dealers[0] : undefined);
    const payload = intakeFormToPayload({ ...form, dealerId: dealer?.id ?? form.dealerId }, { actorName: actor.name, currency: dealer?.currency ?? 'EUR', now: this.clock.now() });
    const again = { view: 'intake/new', model: () => this.intakeModel(actor, req, form), language: actor.language ?? 'en', fields: INTAKE_FIELDS };
    try {
      const dto = await validated(CreateTicketDto, payload);
      const log = async () => {
        const ticket = await this.intake.create(actor, dto);
        // Post-redirect-get: a reload of the receipt must not post the form again. The link
        // exists only now; it waits in the session for the receipt's one display, never in the URL.
        const kept = await this.flash.put(sessionToken(req), { kind: 'intake-receipt', ref: ticket.ref, trackingUrl: ticket.trackingUrl });
        return { status: kept ? 303 : 201, body: { ref: ticket.ref, trackingUrl: kept ? null : ticket.trackingUrl } };
      };
      // The same form sent twice (a double click, or back and send again) gets the first answer: the same receipt.
      const submission = parseIdempotencyKey(form.submission).key;
      const { _csrf: _, submission: __, ...fields } = form as IntakeForm & { _csrf?: string };
      const done = submission ? await this.idempotency.once(`user:${actor.id}`, submission, requestHash('POST', '/intake', {}, fields), log) : await log();
      const receipt = `/tickets/${encodeURIComponent(done.body.ref)}/receipt`;
      if (done.status === 303 || !done.body.trackingUrl) return res.redirect(303, receipt);
      // No session to keep it in (a caller with an API key, not a browser): shown in this answer.
      const ticket = await this.tickets.view(actor, done.body.ref);
      res.status(201).render('intake/done', await this.receiptModel(actor, req, ticket, done.body.trackingUrl));
    } catch (e) {
      await showFormAgain(res, e, again);
    }
  }

  /** The receipt of a new ticket: its tracking link once, right after the form; a reload shows the receipt without it. */
  @Get('tickets/:ref/receipt')
  @Header('Cache-Control', 'no-store')
  async receipt(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('ref') ref: string, @Res() res: Response) {
    const ticket = await this.tickets.view(actor, ref);
    const shown = await this.flash.take(sessionToken(req), (e) => e.kind === 'intake-receipt' && e.ref === ticket.ref);
    res.render('intake/done', await this.receiptModel(actor, req, ticket, shown?.trackingUrl ?? null));
  }

  /** The receipt: the reference, the link (once) as text and QR code, where the customer's copy was mailed, ready to print. */
  private async receiptModel(actor: Actor, req: AuthenticatedRequest, ticket: Awaited<ReturnType<TicketsService['view']>>, trackingUrl: string | null) {
    const [dealer, mailedTo, qrSvg] = await Promise.all([
      this.dealers.get(ticket.dealerId),
      this.outbox.sentTo(ticket.id, 'i18n:receipt'),
      trackingUrl ? trackingQrSvg(trackingUrl) : null,
    ]);
    return { ...receiptWords(actor.language, ticket.ref), ticket, dealer, trackingUrl, qrSvg, mailedTo, csrfToken: req.sessionCsrf, actor };
  }

  @Get('tickets')
  async list(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    const model = await this.queueModel(actor, req, raw);
    // A filter that makes no sense: the page with its message under the filter, and no rows.
    res.status(model.formErrors ? 400 : 200).render('tickets/list', model);
  }

  /** Assigns the ticked tickets at once (all or none), then back to the same filtered queue. */
  @Post('tickets/bulk-assign')
  async bulkAssign(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() form: Record<string, string | string[]>, @Res() res: Response) {
    // "Assign to me" on a row names that ticket; on the selection, the ticked ones. Either way to the sender.
    const mine = typeof form.assignMe === 'string' && form.assignMe !== '';
    const refs = mine && form.assignMe !== 'selected' ? [form.assignMe as string] : ([] as string[]).concat(form.refs ?? []);
    const back = typeof form.back === 'string' && form.back.startsWith('?') ? form.back : '';
    const filters = Object.fromEntries(new URLSearchParams(back.slice(1)));
    await submitForm(
      res,
      async () => {
        await this.actions.assignMany(actor, await validated(BulkAssignDto, { refs, assigneeId: mine ? actor.id : form.assigneeId || undefined }));
        res.redirect(303, `/tickets${back}`);
      },
      { view: 'tickets/list', model: () => this.queueModel(actor, req, filters), language: actor.language ?? 'en', form: 'bulk', fields: { 'ticket.assignee.invalid': 'assigneeId' } },
    );
  }

  /**
   * The queue page: soonest deadline first, every filter in the URL, counts per filter
   * value, and the tickets still being worked unless status=all.
   */
  private async queueModel(actor: Actor, req: AuthenticatedRequest, raw: Record<string, string>) {
    const filters = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== '' && k !== 'cursor'));
    const showAll = filters.status === 'all';
    const { dto, errors: invalid, issues } = await validateForm(ListTicketsQuery, { ...filters, cursor: raw.cursor || undefined, status: showAll ? undefined : filters.status });
    const options = { openOnly: !showAll };
    const [{ page, dealersStamp }, facets, users] = await Promise.all([
      invalid.length ? { page: { items: [], nextCursor: null } as TicketPage, dealersStamp: undefined } : this.queue.queueForPage(actor, dto, options),
      invalid.length ? null : this.queue.facets(actor, dto, options),
      this.users.list(actor),
    ]);
    // The dealer lists as the queue's own read saw the dealers: made once per change of them, not per view.
    const dealers = await this.dealers.derivedFor(actor, 'queue-page', queueDealers, dealersStamp);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const me = users.find((u) => u.id === actor.id);
    const language = me?.language ?? 'en';
    // The page's words in the reader's language; the values in the URL and the API stay slugs.
    const lang = customerLanguage(language);
    const t = translateTree(lang, 'queue') as Record<string, string> & { viewNames: Record<string, string> };
    const option = (field: Facet, values: readonly string[]) =>
      values.map((v) => ({ value: v, count: facets?.counts[field][v] ?? 0, selected: filters[field] === v }));
    const query = new URLSearchParams(filters).toString();
    const n = deskNames(lang);
    return {
      title: t.title,
      actor,
      lang,
      t,
      n,
      csrfToken: req.sessionCsrf,
      formErrors: invalid.length ? filterErrors(formErrors(new DomainError('form.invalid', invalid.join('; '), invalid, issues), language)) : undefined,
      filters,
      back: query ? `?${query}` : '',
      // The download holds exactly the rows the page lists: without a status, the tickets not closed.
      exportQuery: new URLSearchParams([
        ...Object.entries(filters).filter(([k, v]) => !(k === 'status' && v === 'all')),
        ...(showAll || filters.status ? [] : [['openOnly', 'true'] as [string, string]]),
      ]).toString(),
      facets: {
        status: option('status', STATUSES),
        stage: option('stage', STAGES),
        severity: option('severity', SEVERITIES),
        slaState: option('slaState', SLA_STATES),
        channel: option('channel', CHANNELS),
        department: option('department', dealers.departments),
      },
      countsCapped: facets?.capped ? SEARCH_COUNT_CAP : null,
      dealerOptions: dealers.showDealer ? dealerOptions(dealers, filters.dealerId) : null,
      assignees: users.filter((u) => u.active && u.role !== 'admin').map((u) => ({ id: u.id, name: u.name, selected: u.id === filters.assigneeId })),
      // Any selection is of the listed tickets: whoever may take all of them may take any selection.
      bulkAssignees: mayTakeAll(users, page.items.map((t) => t.dealerId)).map((u) => ({ id: u.id, name: u.name, role: u.role })),
      bulkLimited: new Set(page.items.map((t) => t.dealerId)).size > 1,
      language,
      views: queueViews(actor.id, filters).map((v) => ({ ...v, label: t.viewNames[v.key] ?? v.label })),
      // A row's words are put together here, with the helpers' own functions: called from the
      // template, each was a Handlebars helper call, a dozen per row, fifty rows per view. Only
      // what the row shows: a copy of the whole summary was as much work again per row.
      items: page.items.map((row) => {
        const dealer = dealers.byId.get(row.dealerId);
        const left = row.sla.businessMinutesLeft;
        return {
          ref: row.ref,
          saleAtRisk: row.saleAtRisk !== null,
          escalationLevel: row.escalationLevel,
          severity: row.severity,
          sla: { state: row.sla.state },
          customer: { name: row.customer.name },
          receivedAt: row.receivedAt,
          subject: subjectExcerpt(row.accountStart, ACCOUNT_START_CHARS),
          dealerName: dealer?.name,
          assigneeName: row.assigneeId ? names.get(row.assigneeId) : null,
          canTakeIt: row.assigneeId !== actor.id && me !== undefined && mayTake(me, row.dealerId),
          selectLabel: words.i18n!(t.selectRef, { hash: { ref: row.ref } }),
          departmentName: words.nameIn!(n.departments, row.department),
          categoryName: words.nameIn!(n.categories, row.category),
          slaStateName: words.nameIn!(n.slaStates, row.sla.state),
          slaLeft: left ? words.i18n!(left < 0 ? t.over : t.left, { hash: { time: words.duration!(left) } }) : null,
          stageName: words.nameIn!(n.stages, row.stage),
          statusNote: row.status === 'open' ? null : words.nameIn!(n.statuses, row.status),
          severityName: words.nameIn!(n.severities, row.severity),
          receivedText: words.compactdate!(row.receivedAt, dealer?.timeZone, language),
        };
      }),
      next: page.nextCursor ? `?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}` : null,
      showDealer: dealers.showDealer,
    };
  }

  @Get('tickets/:ref')
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('ref') ref: string, @Res() res: Response, @Query('done') done?: string) {
    res.render('tickets/show', await this.ticketPage.model(actor, req.sessionCsrf, ref, [], done === '1'));
  }

  private async intakeModel(actor: Actor, req: AuthenticatedRequest, form: IntakeForm) {
    const dealers = await this.dealers.listFor(actor);
    const dealer = dealers.find((d) => d.id === form.dealerId) ?? dealers[0];
    // A known customer typed in: shown on the form's re-render, for the caller's own dealer only.
    const returning = dealer && (form.customerEmail || form.customerPhone) ? await this.customerTickets.returning(dealer.id, { email: form.customerEmail, phone: form.customerPhone }) : null;
    return {
      ...intakeWords(actor.language),
      returning,
      actor,
      csrfToken: req.sessionCsrf,
      // A fresh one each time the form is shown: only a second post of this very form is a repeat.
      submission: randomUUID(),
      form: { ...form, dealerId: form.dealerId ?? dealer?.id, customerLanguage: form.customerLanguage ?? dealer?.language },
      dealers,
      singleDealer: dealers.length === 1,
      dealerName: dealer?.name,
      moreOpen: moreDetailsOpen(form),
      departments: dealer?.departments ?? [],
      categories: CATEGORIES,
      channels: CHANNELS.filter((c) => c !== 'survey'),
      severities: SEVERITIES,
      languages: LANGUAGES,
      compensationKinds: COMPENSATION_KINDS,
    };
  }
}
