import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { AccountsService } from './accounts.service.js';
import { BeforePasswordChange, CurrentActor, type AuthenticatedRequest } from './auth.decorators.js';
import type { Actor } from './roles.js';
import { LANGUAGES } from '../dealers/dealer-values.js';
import { customerLanguage, translateTree } from '../../common/i18n/translator.js';
import { ChangeLanguageDto, ChangePasswordDto } from './user.dto.js';

type Form = Record<string, string | undefined>;

/** The staff member's own account page: change the password, sign out other sessions. */
@ApiExcludeController()
@Controller('account')
export class AccountPageController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @BeforePasswordChange()
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Query('done') done?: string) {
    res.render('account/show', await this.model(actor, req, {}, done));
  }

  @Post('language')
  async language(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    await submitForm(
      res,
      async () => {
        const dto = await validated(ChangeLanguageDto, { language: form.language || undefined });
        await this.accounts.setOwnLanguage(actor, dto.language);
        res.redirect(303, '/account?done=language');
      },
      { ...this.again(actor, req), form: 'language' },
    );
  }

  @Post('password')
  @BeforePasswordChange()
  @RateLimit('login')
  async password(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    await submitForm(
      res,
      async () => {
        const dto = await validated(ChangePasswordDto, { currentPassword: form.currentPassword || undefined, newPassword: form.newPassword || undefined });
        await this.accounts.changePassword(actor, req.sessionId, dto);
        res.redirect(303, '/account?done=password');
      },
      { ...this.again(actor, req), form: 'password', fields: { 'user.current-password.invalid': 'currentPassword', 'user.password.invalid': 'newPassword' } },
    );
  }

  @Post('sessions/revoke-others')
  async revokeOthers(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    await submitForm(
      res,
      async () => {
        await this.accounts.endOtherSessions(actor, req.sessionId);
        res.redirect(303, '/account?done=sessions');
      },
      { ...this.again(actor, req), form: 'sessions' },
    );
  }

  private again(actor: Actor, req: AuthenticatedRequest) {
    return { view: 'account/show', model: () => this.model(actor, req, {}), language: actor.language ?? 'en' };
  }

  /** The page in the user's language as stored now: right after choosing one, already in it. */
  private async model(actor: Actor, req: AuthenticatedRequest, extra: Record<string, unknown>, done?: string) {
    const current = await this.accounts.languageOf(actor);
    const languages = LANGUAGES.map((code) => ({ code, selected: code === current }));
    const lang = customerLanguage(current);
    const t = translateTree(lang, 'account') as { title: string; notices: Record<string, string> };
    const notice = (done && Object.hasOwn(t.notices, done) && t.notices[done]) || null;
    return { title: t.title, t, lang, actor: { ...actor, language: lang }, csrfToken: req.sessionCsrf, mustChange: req.passwordChangeRequired === true, errors: [], notice, languages, ...extra };
  }
}
