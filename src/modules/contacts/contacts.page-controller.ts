import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, statusForCode } from '../../common/errors/domain-error.js';
import { validated } from '../../common/http/validation.js';
import { DealersService } from '../dealers/dealers.service.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CompleteContactDto, CONTACT_STATUSES } from './contact.dto.js';
import { ContactsService, type ContactView } from './contacts.service.js';
import { CustomerHistoryService, type CustomerHistory } from './customer-history.service.js';

type Form = Record<string, string | undefined>;

/** What the caller sees of a call at a glance: the customer's tickets, the style hint, the last contact. */
interface CallRow extends ContactView {
  zone: string;
  glance: Pick<CustomerHistory, 'tickets'> & { style: string | null; lastContact: ContactView | null };
}

/** The Contacts due page (calls of the caller's department at their dealer, soonest first) and the customer page. */
@ApiExcludeController()
@Controller()
export class ContactsPageController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly history: CustomerHistoryService,
    private readonly dealers: DealersService,
  ) {}

  @Get('contacts')
  async list(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Query('status') status?: string) {
    res.render('contacts/list', await this.listModel(actor, req, status, []));
  }

  @Post('contacts/:id/complete')
  async complete(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string, @Body() form: Form) {
    try {
      const newIssue = form.outcome === 'new-issue'
        ? { department: form.newDepartment || undefined, category: form.newCategory || undefined, channel: 'phone', severity: form.newSeverity || undefined, account: form.newAccount || undefined }
        : undefined;
      const stillCustomer = form.stillCustomer === 'yes' ? true : form.stillCustomer === 'no' ? false : undefined;
      const dto = await validated(CompleteContactDto, { outcome: form.outcome || undefined, note: form.note || undefined, stillCustomer, newIssue });
      const done = await this.contacts.complete(actor, id, dto);
      res.redirect(303, done.newTicketRef ? `/tickets/${done.newTicketRef}` : '/contacts');
    } catch (e) {
      if (!(e instanceof DomainError) || statusForCode(e.code) === 404) throw e;
      res.status(statusForCode(e.code)).render('contacts/list', await this.listModel(actor, req, undefined, e.details ?? [e.message], { id, ...form }));
    }
  }

  @Get('customers/:id')
  async customer(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string) {
    const h = await this.history.history(actor, id);
    const zone = (await this.dealers.get(h.customer.dealerId)).timeZone;
    res.render('customers/show', { title: h.customer.name, actor, csrfToken: req.sessionCsrf, h, zone });
  }

  private async listModel(actor: Actor, req: AuthenticatedRequest, status: string | undefined, errors: string[], form: Form = {}) {
    const wanted = (CONTACT_STATUSES as readonly string[]).includes(status ?? '') ? (status as ContactView['status']) : null;
    const all = await this.contacts.list(actor, wanted ? { status: wanted } : {});
    // By default the work of the day: calls due or overdue; messages go out by themselves.
    const shown = all.filter((c) => c.kind === 'call' && (wanted ? c.status === wanted : c.status === 'due' || c.status === 'overdue')).slice(0, 100);
    const calls: CallRow[] = [];
    for (const c of shown) {
      const h = await this.history.history(actor, c.customer.id);
      const lastContact = h.contacts.filter((x) => x.status === 'done').sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''))[0] ?? null;
      const zone = (await this.dealers.get(c.dealerId)).timeZone;
      calls.push({ ...c, zone, glance: { tickets: h.tickets.slice(0, 5), style: h.customer.style, lastContact }, ...(form.id === c.id ? { form } : {}) } as CallRow);
    }
    const department = actor.role === 'department-manager' ? actor.department : null;
    return { title: 'Contacts due', actor, csrfToken: req.sessionCsrf, calls, errors, status: wanted ?? '', department, statuses: CONTACT_STATUSES };
  }
}
