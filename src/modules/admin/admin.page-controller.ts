import { Body, Controller, Get, Header, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '../../common/errors/domain-error.js';
import type { FieldMap } from '../../common/http/form-errors.js';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { CreateDealerDto, DealerContactDto } from '../dealers/dealer.dto.js';
import { recipientsFor } from '../escalation/escalation-ladder.js';
import { DealersService } from '../dealers/dealers.service.js';
import { PutSlaPolicyDto } from '../sla/sla-policy.dto.js';
import { SlaPoliciesService } from '../sla/sla-policies.service.js';
import { AccountsService } from '../users/accounts.service.js';
import { ApiKeysService } from '../users/api-keys.service.js';
import { CurrentActor, Roles, type AuthenticatedRequest } from '../users/auth.decorators.js';
import { ROLES, type Actor } from '../users/roles.js';
import { CreateApiKeyDto, CreateUserDto, SetPasswordDto, UpdateUserDto } from '../users/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { SessionFlashService } from '../users/session-flash.service.js';
import { sessionToken } from '../users/session-cookie.js';
import { fieldIds } from '../../common/views/form-helpers.js';
import { customerLanguage, translate, translateTree } from '../../common/i18n/translator.js';
import { LANGUAGES } from '../dealers/dealer-values.js';
import { calendarFromForm, hasGridFields, rowsFromCalendar, typedRows, withSpareRows, type CalendarRows, type FieldErrors } from './calendar-form.js';
import { hoursAndMinutes, percent, policyFromForm } from './sla-policy-form.js';
import { SLA_TARGETS } from '../sla/sla-clock.js';

type Form = Record<string, string | undefined>;

/** What a new dealer's grid starts with: weekdays 09:00–17:00. */
const NEW_DEALER_CALENDAR = { weekly: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] }, holidays: [] } as never;

/** A grid or hours-and-minutes form refused field by field, each message already in words. */
class FieldsInvalid extends DomainError {
  constructor(readonly fields: FieldErrors) {
    super('form.invalid', Object.values(fields).join(' '), Object.values(fields));
  }
}

/** A field of the grid: its ids as the form helpers make them (so the summary links to it), and its message. */
function gridField(name: string, form: string, errors: FieldErrors, first: string | null) {
  const ids = fieldIds(name, form);
  return { name, id: ids.input, errorId: ids.message, error: errors[name] ?? null, autofocus: name === first };
}

/** The rows of a grid with each field's message and the ids that tie them to the inputs; days by their names in the reader's language. */
function gridView(rows: CalendarRows, errors: FieldErrors, form: string, days: Record<string, string>) {
  const first = Object.keys(errors)[0] ?? null;
  const field = (name: string) => gridField(name, form, errors, first);
  return {
    days: rows.days.map((d) => ({ ...d, name: capitalized(days[d.key] ?? d.name), word: days[d.key] ?? d.name, labelId: `${form}-${d.key}-name`, rows: d.rows.map((r) => ({ ...r, fromField: field(`${d.key}-${r.index}-from`), toField: field(`${d.key}-${r.index}-to`) })) })),
    holidays: rows.holidays.map((h) => ({ ...h, dateField: field(`holiday-${h.index}-date`), nameField: field(`holiday-${h.index}-name`), fromField: field(`holiday-${h.index}-from`), toField: field(`holiday-${h.index}-to`) })),
  };
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const capitalizedAll = (names: Record<string, string>) => Object.fromEntries(Object.entries(names).map(([k, v]) => [k, capitalized(v)]));
/** The reader's language for the admin pages (one of the four; else English). */
const languageOf = (actor: Actor) => customerLanguage(actor.language);

/** Paths and codes → the forms' inputs. */
const USER_FIELDS = { 'user.email.conflict': 'email', 'user.dealer.invalid': 'dealerId', 'user.password.invalid': 'password' };
const SLA_FIELDS = { 'targets.listen': 'listen-h', 'targets.apologise': 'apologise-h', 'targets.fix': 'fix-h', 'targets.resolve': 'resolve-h', targets: 'listen-h', 'sla-policy.targets.invalid': 'listen-h', warningThreshold: 'warningPercent' };

/** The admin pages: dealers and calendars, users and roles, SLA policies, API keys. Forms over the same services as the API. */
@ApiExcludeController()
@Controller('admin')
@Roles('admin')
export class AdminPageController {
  constructor(
    private readonly dealers: DealersService,
    private readonly users: UsersService,
    private readonly keys: ApiKeysService,
    private readonly policies: SlaPoliciesService,
    private readonly accounts: AccountsService,
    private readonly flash: SessionFlashService,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Query('done') done?: string) {
    // A new API key waits in the session for this one display (a reload no longer shows it).
    const made = await this.flash.take(sessionToken(req), (e) => e.kind === 'api-key');
    res.render('admin/index', await this.model(actor, req, { notice: done && !made ? translate(languageOf(actor), 'admin.saved') : null, newKey: made?.key ?? null }));
  }

  @Post('dealers')
  dealer(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    return this.act(a, req, res, { keep: { dealerForm: form, newGridRows: withSpareRows(typedRows(form)) }, form: 'dealer' }, async () => {
      const { calendar, errors } = calendarFromForm(form, languageOf(a));
      if (Object.keys(errors).length) throw new FieldsInvalid(errors);
      const plain = { name: form.name || undefined, country: form.country || undefined, timeZone: form.timeZone || undefined, language: form.language || undefined, currency: form.currency || undefined, phone: form.phone?.trim() || undefined, address: form.address?.trim() || undefined, calendar };
      await this.dealers.create(await validated(CreateDealerDto, plain));
    });
  }

  /** The weekly hours and holidays from the grid; the API's calendar is unchanged. */
  @Post('dealers/:id/calendar')
  calendar(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { keep: { calendarFor: { id, grid: withSpareRows(typedRows(form)) } }, form: `calendar-${id}` }, async () => {
      await this.dealers.get(id);
      // A post without the grid (not from the page) must not save a calendar closed all week.
      // Said under the grid's first box, like the grid's other refusals.
      if (!hasGridFields(form)) throw new FieldsInvalid({ 'mon-0-from': translate(languageOf(a), 'admin.grid.noGrid') });
      const { calendar, errors } = calendarFromForm(form, languageOf(a));
      if (Object.keys(errors).length) throw new FieldsInvalid(errors);
      const dto = await validated(CreateDealerDto, { ...(await this.dealerPlain(id)), calendar });
      await this.dealers.update(id, { calendar: dto.calendar });
    });
  }

  /** The dealer's loyalty cadence, as JSON steps; every wrong field is named and nothing is saved. */
  @Post('dealers/:id/contact-cadence')
  contactCadence(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `cadence-${id}`, fields: { 'cadence.invalid': 'cadence' } }, async () => {
      let steps: unknown;
      try {
        steps = JSON.parse(form.cadence ?? '');
      } catch {
        // Named by its field, so the message sits under the box (in the reader's words).
        throw new DomainError('form.invalid', 'cadence must be JSON: a list of steps', ['cadence must be JSON: a list of steps']);
      }
      await this.dealers.setContactCadence(a, id, steps);
    });
  }

  /** The phone and address the customer's tracking page shows; blank removes them. */
  @Post('dealers/:id/contact')
  contact(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `contact-${id}` }, async () => {
      const dto = await validated(DealerContactDto, { phone: form.phone ?? undefined, address: form.address ?? undefined });
      await this.dealers.update(id, { phone: dto.phone?.trim() || null, address: dto.address?.trim() || null });
    });
  }

  @Post('users')
  user(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    return this.act(a, req, res, { keep: { userForm: { ...form, password: '' } }, form: 'user', fields: USER_FIELDS }, async () => {
      const plain = { name: form.name || undefined, email: form.email || undefined, password: form.password || undefined, role: form.role || undefined, dealerId: form.dealerId || null, department: form.department || undefined, language: form.language || undefined };
      await this.users.create(await validated(CreateUserDto, plain));
    });
  }

  /** Name, role, dealer, department and language; a new role or dealer signs the user out. */
  @Post('users/:id')
  editUser(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `user-${id}`, fields: USER_FIELDS }, async () => {
      const plain = { name: form.name ?? undefined, role: form.role || undefined, dealerId: form.dealerId === undefined ? undefined : form.dealerId || null, department: form.department === undefined ? undefined : form.department.trim() || null, language: form.language || undefined };
      await this.accounts.update(a, id, await validated(UpdateUserDto, plain));
    });
  }

  /** Deactivate (sessions end, keys are revoked) or reactivate. */
  @Post('users/:id/active')
  setActive(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `active-${id}` }, async () => {
      if (form.active !== 'true' && form.active !== 'false') throw new DomainError('form.invalid', 'active must be true or false', ['active must be true or false']);
      await this.accounts.update(a, id, { active: form.active === 'true' });
    });
  }

  /** A one-time password, to be changed at the next sign-in. */
  @Post('users/:id/password')
  resetPassword(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `password-${id}` }, async () => {
      const dto = await validated(SetPasswordDto, { password: form.password || undefined });
      await this.accounts.setOneTimePassword(a, id, dto.password);
    });
  }

  @Post('api-keys')
  async apiKey(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    await submitForm(
      res,
      async () => {
        // A ticked box arrives as one string; several as a list.
        const ticked = (form as Record<string, string | string[] | undefined>).scopes;
        const scopes = ticked === undefined ? undefined : ([] as string[]).concat(ticked);
        const dto = await validated(CreateApiKeyDto, { userId: form.userId || undefined, name: form.name || undefined, scopes });
        const made = await this.keys.create(a, dto.userId, dto.name, dto.scopes);
        // Post-redirect-get: the key is shown once, by the page this redirects to, from the session (sealed); never in the URL.
        if (await this.flash.put(sessionToken(req), { kind: 'api-key', key: made.key })) return res.redirect(303, '/admin?done=1');
        // No session to keep it in (a caller with an API key, not a browser): shown in this answer.
        res.status(201).render('admin/index', await this.model(a, req, { newKey: made.key }));
      },
      { view: 'admin/index', model: () => this.model(a, req, {}), language: languageOf(a), form: 'api-key' },
    );
  }

  @Post('api-keys/:id/revoke')
  revoke(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    return this.act(a, req, res, { form: `revoke-${id}` }, () => this.keys.revoke(id));
  }

  /** Targets in hours and minutes and the warning point in %, stored as business minutes and a share (as the API takes them). */
  @Post('sla-policies/:severity')
  policy(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('severity') severity: string, @Body() form: Form) {
    return this.act(a, req, res, { keep: { policyFor: { severity, form } }, form: `sla-${severity}`, fields: SLA_FIELDS }, async () => {
      const { targets, warningThreshold, errors } = policyFromForm(form, languageOf(a));
      if (Object.keys(errors).length) throw new FieldsInvalid(errors);
      await this.policies.put(severity, await validated(PutSlaPolicyDto, { targets, warningThreshold }));
    });
  }

  private async dealerPlain(id: string) {
    const d = await this.dealers.get(id);
    return { name: d.name, country: d.country, timeZone: d.timeZone, language: d.language, currency: d.currency };
  }

  /** Every admin form: back to the page on success; the page again with the refusal under the form's fields if not. */
  private act(actor: Actor, req: AuthenticatedRequest, res: Response, how: { keep?: Record<string, unknown>; form: string; fields?: FieldMap }, work: () => Promise<unknown>): Promise<void> {
    return submitForm(
      res,
      async () => {
        try {
          await work();
        } catch (e) {
          if (!(e instanceof FieldsInvalid)) throw e;
          // Messages already in words, each under its field (same ids as the form helpers), listed at the top.
          const summary = Object.entries(e.fields).map(([field, message]) => ({ field, message }));
          const formErrors = { form: how.form, heading: translate(languageOf(actor), 'form.summary'), summary, fields: e.fields, first: summary[0]?.field ?? null };
          res.status(400).render('admin/index', { ...(await this.model(actor, req, { ...how.keep, fields: e.fields })), formErrors });
          return;
        }
        res.redirect(303, '/admin?done=1');
      },
      { view: 'admin/index', model: () => this.model(actor, req, how.keep ?? {}), language: languageOf(actor), form: how.form, fields: how.fields },
    );
  }

  private async model(actor: Actor, req: AuthenticatedRequest, extra: Record<string, unknown>) {
    const [dealers, users, keys, policies] = await Promise.all([this.dealers.listFor(actor), this.users.list(actor), this.keys.list(), this.policies.list()]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    // Who each escalation level reaches, per dealer and department, as the ladder decides it.
    const escalation = dealers.flatMap((d) =>
      d.departments.map((department) => ({
        dealer: d.name,
        department,
        levels: ([1, 2, 3] as const).map((level) => recipientsFor(level, { dealerId: d.id, department }, users).map((u) => u.name).join(', ') || '—'),
      })),
    );
    // A refused form comes back as it was typed, with each message under its field.
    const fields = (extra.fields ?? {}) as FieldErrors;
    const calendarFor = extra.calendarFor as { id: string; grid: CalendarRows } | undefined;
    const policyFor = extra.policyFor as { severity: string; form: Form } | undefined;
    const newGridRows = extra.newGridRows as CalendarRows | undefined;
    // Every word of the page in the reader's language.
    const lang = languageOf(actor);
    const t = translateTree(lang, 'admin') as Record<string, string> & { days: Record<string, string>; targets: Record<string, string> };
    return {
      escalation, lang, t, departments: capitalizedAll(translateTree(lang, 'staff.departments') as Record<string, string>),
      title: t.title, actor, csrfToken: req.sessionCsrf,
      dealers: await Promise.all(dealers.map(async (d) => ({
        ...d,
        cadenceJson: JSON.stringify((await this.dealers.contactCadenceFor(actor, d.id)).steps, null, 2),
        grid: calendarFor?.id === d.id ? gridView(calendarFor.grid, fields, `calendar-${d.id}`, t.days) : gridView(rowsFromCalendar(d.calendar), {}, `calendar-${d.id}`, t.days),
      }))),
      newGrid: gridView(newGridRows ?? rowsFromCalendar(NEW_DEALER_CALENDAR), newGridRows ? fields : {}, 'dealer', t.days),
      users, roles: ROLES, languages: LANGUAGES,
      policies: policies.map((p) => {
        const typed = policyFor?.severity === p.severity ? policyFor.form : undefined;
        const errors = typed ? fields : {};
        const first = Object.keys(errors)[0] ?? null;
        const f = (name: string) => gridField(name, `sla-${p.severity}`, errors, first);
        return {
          severity: p.severity,
          targets: SLA_TARGETS.map((target) => {
            const minutes = p.targets[target];
            const { h, m } = hoursAndMinutes(minutes);
            return { target, name: t.targets[target] ?? target, minutes, h: typed ? typed[`${target}-h`] : h, m: typed ? typed[`${target}-m`] : m, hField: f(`${target}-h`), mField: f(`${target}-m`) };
          }),
          warningPercent: typed ? typed.warningPercent : percent(p.warningThreshold),
          warningField: f('warningPercent'),
        };
      }),
      keys: keys.map((k) => ({ ...k, userName: names.get(k.userId) ?? k.userId })),
      dealerForm: {}, userForm: {},
      ...extra,
    };
  }
}
