import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../../common/clock/clock.js';
import { DomainError, statusForCode } from '../../common/errors/domain-error.js';
import { validateForm } from '../../common/http/validation.js';
import { DealersService } from '../dealers/dealers.service.js';
import { TicketPageService } from './ticket-page.service.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CreateTicketDto } from './create-ticket.dto.js';
import { intakeFormToPayload, type IntakeForm } from './intake-form.js';
import { IntakeService } from './intake.service.js';
import { ListTicketsQuery } from './list-tickets.query.js';
import { CATEGORIES, CHANNELS, COMPENSATION_KINDS, LANGUAGES, SEVERITIES, STATUSES } from './ticket-values.js';
import { STAGES } from './workflow/ticket-workflow.js';
import { TicketsService } from './tickets.service.js';

/** The staff pages for logging and reading tickets; the same services as the JSON API. */
@ApiExcludeController()
@Controller()
export class TicketsPageController {
  constructor(
    private readonly intake: IntakeService,
    private readonly tickets: TicketsService,
    private readonly dealers: DealersService,
    private readonly ticketPage: TicketPageService,
    private readonly clock: Clock,
  ) {}

  @Get('intake')
  async intakePage(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    res.render('intake/new', await this.intakeModel(actor, req, { channel: 'walk-in', severity: 'medium' }, []));
  }

  @Post('intake')
  async submitIntake(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() form: IntakeForm, @Res() res: Response) {
    const dealers = await this.dealers.listFor(actor);
    const dealer = dealers.find((d) => d.id === form.dealerId) ?? (dealers.length === 1 ? dealers[0] : undefined);
    const payload = intakeFormToPayload({ ...form, dealerId: dealer?.id ?? form.dealerId }, { actorName: actor.name, currency: dealer?.currency ?? 'EUR', now: this.clock.now() });
    const { dto, errors } = await validateForm(CreateTicketDto, payload);
    const again = async (messages: string[], status: number) => res.status(status).render('intake/new', await this.intakeModel(actor, req, form, messages));
    if (errors.length) return again(errors, 400);
    try {
      const ticket = await this.intake.create(actor, dto);
      res.status(201).render('intake/done', { title: `Logged ${ticket.ref}`, ticket, csrfToken: req.sessionCsrf, actor });
    } catch (e) {
      if (e instanceof DomainError) return again(e.details ?? [e.message], statusForCode(e.code));
      throw e;
    }
  }

  @Get('tickets')
  async list(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    // The list opens on the tickets still being worked; status=all shows closed ones too.
    const filters = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ''));
    const showAll = filters.status === 'all';
    const { dto, errors } = await validateForm(ListTicketsQuery, { ...filters, status: showAll ? undefined : filters.status });
    const page = errors.length ? { items: [], nextCursor: null } : await this.tickets.queue(actor, { ...dto, sort: dto.sort ?? 'receivedAt' }, { openOnly: !showAll });
    const dealers = await this.dealers.listFor(actor);
    const byId = new Map(dealers.map((d) => [d.id, d]));
    const next = page.nextCursor ? `?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}` : null;
    res.render('tickets/list', {
      title: 'Tickets',
      actor,
      csrfToken: req.sessionCsrf,
      errors,
      filters,
      statuses: STATUSES,
      stages: STAGES,
      severities: SEVERITIES,
      items: page.items.map((t) => ({ ...t, dealerName: byId.get(t.dealerId)?.name, dealerZone: byId.get(t.dealerId)?.timeZone })),
      next,
      showDealer: dealers.length > 1,
    });
  }

  @Get('tickets/:ref')
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('ref') ref: string, @Res() res: Response, @Query('done') done?: string) {
    res.render('tickets/show', await this.ticketPage.model(actor, req.sessionCsrf, ref, [], done === '1'));
  }

  private async intakeModel(actor: Actor, req: AuthenticatedRequest, form: IntakeForm, errors: string[]) {
    const dealers = await this.dealers.listFor(actor);
    const dealer = dealers.find((d) => d.id === form.dealerId) ?? dealers[0];
    return {
      title: 'Log an incident',
      actor,
      csrfToken: req.sessionCsrf,
      errors,
      form: { ...form, dealerId: form.dealerId ?? dealer?.id, customerLanguage: form.customerLanguage ?? dealer?.language },
      dealers,
      singleDealer: dealers.length === 1,
      departments: dealer?.departments ?? [],
      categories: CATEGORIES,
      channels: CHANNELS.filter((c) => c !== 'survey'),
      severities: SEVERITIES,
      languages: LANGUAGES,
      compensationKinds: COMPENSATION_KINDS,
    };
  }
}
