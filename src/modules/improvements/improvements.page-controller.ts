import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Clock } from '../../common/clock/clock.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { submitForm } from '../../common/http/form-page.js';
import { customerLanguage, translate, translateTree } from '../../common/i18n/translator.js';
import { viewHelpers } from '../../common/views/view-helpers.js';
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
import { withFieldIssues } from './improvement-form-issues.js';

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
    await this.renderList(actor, req, res, raw);
  }

  /** Opens an improvement (the suggestion's one-click form, or the full form) and goes to it. */
  @Post()
  @Roles(...IMPROVEMENT_WRITERS)
  async create(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() form: Record<string, string>, @Res() res: Response) {
    await submitForm(
      res,
      async () => {
        const dto = await validated(CreateImprovementDto, {
          title: form.title || undefined,
          dealerId: form.dealerId ? form.dealerId : null,
          department: form.department || undefined,
          rootCause: form.rootCause || undefined,
          ownerId: form.ownerId || undefined,
          dueDate: form.dueDate || undefined,
          ticketRefs: refsOf(form.ticketRefs),
        });
        const created = await this.improvements.create(actor, dto).catch((e: unknown) => Promise.reject(withFieldIssues(e)));
        res.redirect(303, `/improvements/${created.id}`);
      },
      { view: 'improvements/list', model: () => this.listModel(actor, req, {}, form), language: languageOf(actor), form: 'new' },
    );
  }

  @Get(':id')
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string, @Res() res: Response) {
    res.render('improvements/show', await this.model(actor, req, id));
  }

  /** A status button, or the drop form with its reason. */
  @Post(':id/status')
  @Roles(...IMPROVEMENT_WRITERS)
  async status(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string, @Body() form: Record<string, string>, @Res() res: Response) {
    await this.act(actor, req, res, id, form.status === 'dropped' ? 'drop' : 'status', async () => {
      const dto = await validated(ImprovementStatusDto, { status: form.status || undefined, note: form.note || undefined });
      await this.improvements.setStatus(actor, id, dto.status, dto.note);
    });
  }

  @Post(':id/tickets')
  @Roles(...IMPROVEMENT_WRITERS)
  async link(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Param('id', ParseUUIDPipe) id: string, @Body() form: Record<string, string>, @Res() res: Response) {
    await this.act(actor, req, res, id, 'link', async () => {
      const dto = await validated(LinkTicketsDto, { refs: refsOf(form.refs) ?? [] });
      if (!dto.refs.length) throw new DomainError('form.invalid', 'refs: enter one or more ticket references', ['refs: enter one or more ticket references'], [{ path: 'refs', rule: 'arrayNotEmpty', message: 'refs: enter one or more ticket references' }]);
      await this.improvements.linkTickets(actor, id, dto.refs);
    });
  }

  /** Back to the improvement on success; a refusal shows it again with the message under the form's field. */
  private async act(actor: Actor, req: AuthenticatedRequest, res: Response, id: string, form: string, work: () => Promise<void>): Promise<void> {
    await submitForm(
      res,
      async () => {
        await work().catch((e: unknown) => Promise.reject(withFieldIssues(e)));
        res.redirect(303, `/improvements/${id}`);
      },
      { view: 'improvements/show', model: () => this.model(actor, req, id), language: languageOf(actor), form, fields: { reason: 'note' }, notFoundToErrorPage: true },
    );
  }

  private async model(actor: Actor, req: AuthenticatedRequest, id: string) {
    const imp = await this.improvements.get(actor, id);
    const chart = imp.effect ? effectChart(imp.effect) : null;
    const lang = languageOf(actor);
    const words = this.words(lang);
    const timeZone = (await this.improvements.calendarOf(imp.dealerId)).timeZone;
    const t = words.t as Record<string, string> & { moves: Record<string, string> };
    const cause = words.causes[imp.rootCause] ?? imp.rootCause;
    const department = words.departments[imp.department] ?? imp.department;
    const dealer = imp.dealerName ?? t.allDealers!.toLowerCase();
    return {
      title: imp.title, actor, csrfToken: req.sessionCsrf, imp, chart, timeZone, lang, ...words,
      chartLabel: translate(lang, 'improvements.chartLabel', { cause }),
      chartCaption: translate(lang, 'improvements.chartCaption', { cause, dealer, department }),
      verifiableHint: imp.verifiableFrom ? translate(lang, 'improvements.verifiable', { date: viewHelpers.datetime!(imp.verifiableFrom, timeZone, lang) }) : null,
      moves: imp.moves.filter((m) => m !== 'dropped').map((status) => ({ status, label: t.moves[status] ?? status })), mayDrop: imp.moves.includes('dropped'), mayLink: mayLink(actor, imp),
    };
  }

  /** The page's words, and the names of departments, causes and stages, in the reader's language. */
  private words(lang: string) {
    const departments = translateTree(lang, 'staff.departments') as Record<string, string>;
    return {
      t: translateTree(lang, 'improvements'),
      departments: Object.fromEntries(Object.entries(departments).map(([k, v]) => [k, v.charAt(0).toUpperCase() + v.slice(1)])),
      causes: translateTree(lang, 'dashboard.rootCauses') as Record<string, string>,
      stages: translateTree(lang, 'dashboard.stages') as Record<string, string>,
    };
  }

  private async renderList(actor: Actor, req: AuthenticatedRequest, res: Response, raw: Record<string, string>) {
    // A filter that makes no sense shows the page with its message under the filter, and no rows.
    await submitForm(res, async () => res.render('improvements/list', await this.listModel(actor, req, raw, {}, true)), {
      view: 'improvements/list', model: () => this.listModel(actor, req, raw, {}, false), language: languageOf(actor),
    });
  }

  private async listModel(actor: Actor, req: AuthenticatedRequest, raw: Record<string, string>, form: Record<string, string>, withItems = true) {
    const filters = Object.fromEntries(Object.entries(raw).filter(([k, v]) => v !== '' && ['status', 'dealerId', 'department', 'ownerId'].includes(k)));
    const items = withItems ? await this.improvements.list(actor, await validated(ListImprovementsQuery, filters)) : [];
    const lang = languageOf(actor);
    const words = this.words(lang);
    const dealers = await this.dealers.listFor(actor);
    const names = new Map(dealers.map((d) => [d.id, d.name]));
    const suggestions = (await this.improvements.suggestions(actor)).map((s) => {
      const cause = words.causes[s.rootCause] ?? s.rootCause;
      const department = words.departments[s.department] ?? s.department;
      return {
        ...s, dealerName: names.get(s.dealerId) ?? s.dealerId, refs: s.ticketRefs.join(' '), mayOpen: IMPROVEMENT_WRITERS.includes(actor.role) && mayManage(actor, s),
        count: translate(lang, 'improvements.count', { tickets: s.tickets }), title: translate(lang, 'improvements.suggestionTitle', { cause, department }),
      };
    });
    const owners = (await this.users.list(actor)).filter((u) => u.active && u.role !== 'receptionist');
    const dueDefault = new Date(this.clock.now().getTime() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
    const mayWrite = IMPROVEMENT_WRITERS.includes(actor.role);
    // The dealers' departments, each by its name in the reader's language.
    const departments = Object.fromEntries([...new Set(dealers.flatMap((d) => d.departments ?? []))].sort().map((d) => [d, words.departments[d] ?? d]));
    return {
      title: (words.t as Record<string, string>).title, actor, csrfToken: req.sessionCsrf, filters, items, suggestions, dealers, owners, mayWrite, dueDefault, form, lang,
      t: words.t, causes: words.causes, departments, statuses: IMPROVEMENT_STATUSES, rootCauses: ROOT_CAUSES,
      exportQuery: new URLSearchParams(filters).toString(),
    };
  }
}

const languageOf = (actor: Actor) => customerLanguage(actor.language);

/** "AM-2026-000001, AM-2026-000002" or one per line, as a list. */
function refsOf(text: string | undefined): string[] | undefined {
  const refs = (text ?? '').split(/[\s,;]+/).filter(Boolean);
  return refs.length ? refs : undefined;
}

/** Tickets can be linked while the caller manages it and it is not final. */
function mayLink(actor: Actor, imp: { status: string; dealerId: string | null; department: string }): boolean {
  return IMPROVEMENT_WRITERS.includes(actor.role) && mayManage(actor, imp) && !['verified', 'dropped'].includes(imp.status);
}
