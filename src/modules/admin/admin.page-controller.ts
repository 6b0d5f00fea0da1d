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

type Form = Record<string, string | undefined>;

const EXAMPLE_CALENDAR = JSON.stringify({ weekly: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '17:00']] }, holidays: [{ date: '2026-12-25', intervals: [] }] }, null, 2);

/** Paths and codes → the forms' inputs. */
const USER_FIELDS = { 'user.email.conflict': 'email', 'user.dealer.invalid': 'dealerId', 'user.password.invalid': 'password' };
const SLA_FIELDS = { 'targets.listen': 'listen', 'targets.apologise': 'apologise', 'targets.fix': 'fix', 'targets.resolve': 'resolve', targets: 'listen', 'sla-policy.targets.invalid': 'listen' };

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
    res.render('admin/index', await this.model(actor, req, { notice: done && !made ? 'Saved.' : null, newKey: made?.key ?? null }));
  }

  @Post('dealers')
  dealer(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    return this.act(a, req, res, { keep: { dealerForm: form }, form: 'dealer' }, async () => {
      let calendar: unknown;
      try {
        calendar = JSON.parse(form.calendar ?? '');
      } catch {
        throw new DomainError('form.invalid', 'calendar must be JSON: { "weekly": { "mon": [["09:00","18:00"]] }, "holidays": [] }', ['calendar must be JSON: { "weekly": { "mon": [["09:00","18:00"]] }, "holidays": [] }']);
      }
      const plain = { name: form.name || undefined, country: form.country || undefined, timeZone: form.timeZone || undefined, language: form.language || undefined, currency: form.currency || undefined, phone: form.phone?.trim() || undefined, address: form.address?.trim() || undefined, calendar };
      await this.dealers.create(await validated(CreateDealerDto, plain));
    });
  }

  @Post('dealers/:id/calendar')
  calendar(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `calendar-${id}` }, async () => {
      let calendar: unknown;
      try {
        calendar = JSON.parse(form.calendar ?? '');
      } catch {
        throw new DomainError('form.invalid', 'calendar must be JSON', ['calendar must be JSON']);
      }
      const dto = await validated(CreateDealerDto, { ...(await this.dealerPlain(id)), calendar });
      await this.dealers.update(id, { calendar: dto.calendar });
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

  /** Name, role, dealer and department; a new role or dealer signs the user out. */
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
      { view: 'admin/index', model: () => this.model(a, req, {}), language: a.language ?? 'en', form: 'api-key' },
    );
  }

  @Post('api-keys/:id/revoke')
  revoke(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('id') id: string) {
    return this.act(a, req, res, { form: `revoke-${id}` }, () => this.keys.revoke(id));
  }

  @Post('sla-policies/:severity')
  policy(@CurrentActor() a: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Param('severity') severity: string, @Body() form: Form) {
    return this.act(a, req, res, { form: `sla-${severity}`, fields: SLA_FIELDS }, async () => {
      const n = (k: string) => (form[k] && /^\d+$/.test(form[k]!) ? Number(form[k]) : form[k]);
      const plain = { targets: { listen: n('listen'), apologise: n('apologise'), fix: n('fix'), resolve: n('resolve') }, warningThreshold: form.warningThreshold ? Number(form.warningThreshold) : undefined };
      await this.policies.put(severity, await validated(PutSlaPolicyDto, plain));
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
        await work();
        res.redirect(303, '/admin?done=1');
      },
      { view: 'admin/index', model: () => this.model(actor, req, how.keep ?? {}), language: actor.language ?? 'en', form: how.form, fields: how.fields },
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
    return {
      escalation,
      title: 'Administration', actor, csrfToken: req.sessionCsrf, errors: [],
      dealers: dealers.map((d) => ({ ...d, calendarJson: JSON.stringify(d.calendar, null, 2) })),
      users, roles: ROLES, policies,
      keys: keys.map((k) => ({ ...k, userName: names.get(k.userId) ?? k.userId })),
      dealerForm: { calendar: EXAMPLE_CALENDAR }, userForm: {},
      ...extra,
    };
  }
}
