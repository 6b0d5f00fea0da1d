import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../../common/clock/clock.js';
import { DomainError, statusForCode } from '../../common/errors/domain-error.js';
import { validated } from '../../common/http/validation.js';
import { DealersService } from '../dealers/dealers.service.js';
import { ROOT_CAUSES } from '../tickets/ticket-values.js';
import { UsersService } from '../users/users.service.js';
import { CurrentActor, Roles, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { IMPROVEMENT_WRITERS, mayManage } from './improvement-access.js';
import { effectChart } from './improvement-chart.js';
import { CreateImprovementDto, ImprovementStatusDto, LinkTicketsDto, ListImprovementsQuery } from './improvement.dto.js';
import { IMPROVEMENT_STATUSES } from './improvement-workflow.js';
import { ImprovementsService } from './improvements.service.js';

/** The improvements pages: the list with the suggestions, one improvement with its effect; the same services as the API. */
@ApiExcludeController()
@Controller('improvements')
export class ImprovementsPageController {
  constructor(
    private readonly improvements: ImprovementsService,
    private readonly dealers: DealersService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Query() raw: Record<string, string>, @Res() res: Response) {
    await this.renderList(actor, req, res, raw, [], 200);
  }

  /** Opens an improvement (the suggestion's one-click form, or the full form) and goes to it. */
  @Post()
  @Roles(...IMPROVEMENT_WRITERS)
  async create(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() form: Record<string, string>, @Res() res: Response) {
    try {
      const dto = await validated(CreateImprovementDto, {
        title: form.title || undefined,
        dealerId: form.dealerId ? form.dealerId : null,
        department: form.department || undefined,
        rootCause: form.rootCause || undefined,
        ownerId: form.ownerId || undefined,
        dueDate: form.dueDate || undefined,
        ticketRefs: refsOf(form.ticketRefs),
      });
      const created = await this.improvements.create(actor, dto);
      res.redirect(303, `/improvements/${created.id}`);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      await this.renderList(actor, req, res, {}, e.details ?? [e.message], statusForCode(e.code), form);
    }
  }

  @Get(':id')
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    res.render('improvements/show', await this.model(actor, req, id, []));
  }

  @Post(':id/status')
  @Roles(...IMPROVEMENT_WRITERS)
  async status(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string, @Body() form: Record<string, string>, @Res() res: Response) {
    await this.act(actor, req, res, id, async () => {
      const dto = await validated(ImprovementStatusDto, { status: form.status || undefined, note: form.note || undefined });
      await this.improvements.setStatus(actor, id, dto.status, dto.note);
    });
  }

  @Post(':id/tickets')
  @Roles(...IMPROVEMENT_WRITERS)
  async link(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string, @Body() form: Record<string, string>, @Res() res: Response) {
    await this.act(actor, req, res, id, async () => {
      const dto = await validated(LinkTicketsDto, { refs: refsOf(form.refs) ?? [] });
      if (!dto.refs.length) throw new DomainError('form.invalid', 'refs: enter one or more ticket references', ['refs: enter one or more ticket references']);
      await this.improvements.linkTickets(actor, id, dto.refs);
    });
  }

  private async act(actor: Actor, req: AuthenticatedRequest, res: Response, id: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
      res.redirect(303, `/improvements/${id}`);
    } catch (e) {
      if (!(e instanceof DomainError) || statusForCode(e.code) === 404) throw e;
      res.status(statusForCode(e.code)).render('improvements/show', await this.model(actor, req, id, e.details ?? [e.message]));
    }
  }

  private async model(actor: Actor, req: AuthenticatedRequest, id: string, errors: string[]) {
    const imp = await this.improvements.get(actor, id);
    const chart = imp.effect ? effectChart(imp.effect) : null;
    return {
      title: imp.title, actor, csrfToken: req.sessionCsrf, imp, errors, chart, timeZone: (await this.improvements.calendarOf(imp.dealerId)).timeZone,
      moves: imp.moves.filter((m) => m !== 'dropped').map((status) => ({ status, label: MOVE_LABELS[status] })), mayDrop: imp.moves.includes('dropped'), mayLink: mayLink(actor, imp),
    };
  }

  private async renderList(actor: Actor, req: AuthenticatedRequest, res: Response, raw: Record<string, string>, errors: string[], status: number, form: Record<string, string> = {}) {
    const filters = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== '' && ['status', 'dealerId', 'department', 'ownerId'].includes(k)));
    let items: Awaited<ReturnType<ImprovementsService['list']>> = [];
    try {
      items = await this.improvements.list(actor, await validated(ListImprovementsQuery, filters));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      errors = [...errors, ...(e.details ?? [e.message])];
      status = statusForCode(e.code);
    }
    const dealers = await this.dealers.listFor(actor);
    const names = new Map(dealers.map((d) => [d.id, d.name]));
    const suggestions = (await this.improvements.suggestions(actor)).map((s) => ({ ...s, dealerName: names.get(s.dealerId) ?? s.dealerId, refs: s.ticketRefs.join(' '), mayOpen: IMPROVEMENT_WRITERS.includes(actor.role) && mayManage(actor, s) }));
    const owners = (await this.users.list(actor)).filter((u) => u.active && u.role !== 'receptionist');
    const dueDefault = new Date(this.clock.now().getTime() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const mayWrite = IMPROVEMENT_WRITERS.includes(actor.role);
    res.status(status).render('improvements/list', {
      title: 'Improvements', actor, csrfToken: req.sessionCsrf, errors, filters, items, suggestions, dealers, owners, mayWrite, dueDefault, form,
      statuses: IMPROVEMENT_STATUSES, rootCauses: ROOT_CAUSES, departments: [...new Set(dealers.flatMap((d) => d.departments ?? []))].sort(),
      exportQuery: new URLSearchParams(filters).toString(),
    });
  }
}

/** "AM-2026-000001, AM-2026-000002" or one per line, as a list. */
function refsOf(text: string | undefined): string[] | undefined {
  const refs = (text ?? '').split(/[\s,;]+/).filter(Boolean);
  return refs.length ? refs : undefined;
}

/** Tickets can be linked while the caller manages it and it is not final. */
function mayLink(actor: Actor, imp: { status: string; dealerId: string | null; department: string }): boolean {
  return IMPROVEMENT_WRITERS.includes(actor.role) && mayManage(actor, imp) && !['verified', 'dropped'].includes(imp.status);
}

/** The buttons of the status table, in the reader's words. */
const MOVE_LABELS: Record<string, string> = { 'in-progress': 'Start work', done: 'Mark done', verified: 'Mark verified' };
