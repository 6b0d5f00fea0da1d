import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { customerLanguage, translate, translateTree } from '../../common/i18n/translator.js';
import { DealersService } from '../dealers/dealers.service.js';
import { STYLE_GUIDANCE } from '../tickets/pages/communication-style.js';
import { CATEGORIES, SEVERITIES } from '../tickets/ticket-values.js';
import { CurrentActor, type AuthenticatedRequest } from '../users/auth.decorators.js';
import type { Actor } from '../users/roles.js';
import { CompleteContactDto, CONTACT_STATUSES } from './contact.dto.js';
import { ContactsService, type ContactView } from './contacts.service.js';
import { CustomerHistoryService, type CustomerHistory } from './customer-history.service.js';

type Form = Record<string, string | undefined>;

/** What the caller sees of a call at a glance: the customer's tickets, the style hint, the last contact. */
interface CallRow extends ContactView {
  zone: string;
  departments: string[];
  tries: string | null;
  glanceLabel: string;
  glance: Pick<CustomerHistory, 'tickets'> & { style: string | null; lastContact: ContactView | null };
}

/** The complete-call form's inputs, by the DTO path (or the service's refusal) they answer for. */
const COMPLETE_FIELDS = {
  'newIssue.department': 'newDepartment', 'newIssue.category': 'newCategory', 'newIssue.severity': 'newSeverity', 'newIssue.account': 'newAccount', newIssue: 'newAccount',
};

/** The communication style's colour, from the label the history gives (the page shows it in the reader's language). */
function styleColour(label: string | null): string | null {
  return (Object.entries(STYLE_GUIDANCE).find(([, g]) => g.label === label)?.[0]) ?? null;
}

/** The Contacts due page (calls of the caller's department at their dealer, soonest first) and the customer page, in the reader's language. */
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
    res.render('contacts/list', await this.listModel(actor, req, status));
  }

  @Post('contacts/:id/complete')
  async complete(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string, @Body() form: Form) {
    await submitForm(
      res,
      async () => {
        const newIssue = form.outcome === 'new-issue'
          ? { department: form.newDepartment || undefined, category: form.newCategory || undefined, channel: 'phone', severity: form.newSeverity || undefined, account: form.newAccount || undefined }
          : undefined;
        const stillCustomer = form.stillCustomer === 'yes' ? true : form.stillCustomer === 'no' ? false : undefined;
        const dto = await validated(CompleteContactDto, { outcome: form.outcome || undefined, note: form.note || undefined, stillCustomer, newIssue });
        const done = await this.contacts.complete(actor, id, dto);
        res.redirect(303, done.newTicketRef ? `/tickets/${done.newTicketRef}` : '/contacts');
      },
      // Another dealer's (or department's) call is not found, like an unknown one: the error page, not the form.
      { view: 'contacts/list', model: () => this.listModel(actor, req, undefined, { id, ...form }), language: customerLanguage(actor.language), form: `call-${id}`, fields: COMPLETE_FIELDS, notFoundToErrorPage: true },
    );
  }

  @Get('customers/:id')
  async customer(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id', ParseUUIDPipe) id: string) {
    const lang = customerLanguage(actor.language);
    const h = await this.history.history(actor, id);
    const zone = (await this.dealers.get(h.customer.dealerId)).timeZone;
    const colour = styleColour(h.customer.style);
    res.render('customers/show', {
      title: h.customer.name, actor, csrfToken: req.sessionCsrf, h, zone, lang,
      t: translateTree(lang, 'staff.customer'), v: translateTree(lang, 'staff.values'), departments: translateTree(lang, 'staff.departments'),
      rootCauses: translateTree(lang, 'dashboard.rootCauses'), style: colour ? translateTree(lang, `staff.style.${colour}`) : null,
    });
  }

  private async listModel(actor: Actor, req: AuthenticatedRequest, status: string | undefined, form: Form = {}) {
    const lang = customerLanguage(actor.language);
    const t = translateTree(lang, 'staff.contacts');
    const wanted = (CONTACT_STATUSES as readonly string[]).includes(status ?? '') ? (status as ContactView['status']) : null;
    const all = await this.contacts.list(actor, wanted ? { status: wanted } : {});
    // By default the work of the day: calls due or overdue; messages go out by themselves.
    const shown = all.filter((c) => c.kind === 'call' && (wanted ? c.status === wanted : c.status === 'due' || c.status === 'overdue')).slice(0, 100);
    const calls: CallRow[] = [];
    for (const c of shown) {
      const h = await this.history.history(actor, c.customer.id);
      const lastContact = h.contacts.filter((x) => x.status === 'done').sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''))[0] ?? null;
      const dealer = await this.dealers.get(c.dealerId);
      const tickets = h.tickets.slice(0, 5);
      const colour = styleColour(h.customer.style);
      calls.push({
        ...c, zone: dealer.timeZone, departments: dealer.departments,
        tries: c.attempts ? translate(lang, `staff.contacts.${c.attempts === 1 ? 'triesOne' : 'triesMany'}`, { count: c.attempts }) : null,
        glanceLabel: translate(lang, `staff.contacts.${tickets.length === 1 ? 'glanceOne' : 'glanceMany'}`, { count: tickets.length }),
        glance: { tickets, style: colour ? translate(lang, `staff.style.${colour}.label`) : null, lastContact },
        ...(form.id === c.id ? { form } : {}),
      } as CallRow);
    }
    const department = actor.role === 'department-manager' ? actor.department : null;
    return {
      title: t.title, lang, t, v: translateTree(lang, 'staff.values'), departmentNames: translateTree(lang, 'staff.departments'), severityNames: translateTree(lang, 'staff.severities'),
      rootCauses: translateTree(lang, 'dashboard.rootCauses'), actor, csrfToken: req.sessionCsrf, calls, status: wanted ?? '', department, statuses: CONTACT_STATUSES,
      categories: CATEGORIES, severities: SEVERITIES,
    };
  }
}
