import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError, statusForCode } from '../../common/errors/domain-error.js';
import { validated } from '../../common/http/validation.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { AccountsService } from './accounts.service.js';
import { BeforePasswordChange, CurrentActor, type AuthenticatedRequest } from './auth.decorators.js';
import type { Actor } from './roles.js';
import { LANGUAGES } from '../dealers/dealer-values.js';
import { ChangeLanguageDto, ChangePasswordDto } from './user.dto.js';

type Form = Record<string, string | undefined>;

const NOTICES: Record<string, string> = {
  password: 'Your password is changed; your other sessions are signed out.',
  sessions: 'Your other sessions are signed out.',
  language: 'Your mails now come in the language you chose.',
};

/** The staff member's own account page: change the password, sign out other sessions. */
@ApiExcludeController()
@Controller('account')
export class AccountPageController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @BeforePasswordChange()
  async show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Query('done') done?: string) {
    res.render('account/show', await this.model(actor, req, { notice: (done && NOTICES[done]) || null }));
  }

  @Post('language')
  async language(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    try {
      const dto = await validated(ChangeLanguageDto, { language: form.language || undefined });
      await this.accounts.setOwnLanguage(actor, dto.language);
      res.redirect(303, '/account?done=language');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      res.status(statusForCode(e.code)).render('account/show', await this.model(actor, req, { errors: e.details ?? [e.message] }));
    }
  }

  @Post('password')
  @BeforePasswordChange()
  @RateLimit('login')
  async password(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Body() form: Form) {
    try {
      const dto = await validated(ChangePasswordDto, { currentPassword: form.currentPassword || undefined, newPassword: form.newPassword || undefined });
      await this.accounts.changePassword(actor, req.sessionId, dto);
      res.redirect(303, '/account?done=password');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      res.status(statusForCode(e.code)).render('account/show', await this.model(actor, req, { errors: e.details ?? [e.message] }));
    }
  }

  @Post('sessions/revoke-others')
  async revokeOthers(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    try {
      await this.accounts.endOtherSessions(actor, req.sessionId);
      res.redirect(303, '/account?done=sessions');
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      res.status(statusForCode(e.code)).render('account/show', await this.model(actor, req, { errors: e.details ?? [e.message] }));
    }
  }

  private async model(actor: Actor, req: AuthenticatedRequest, extra: Record<string, unknown>) {
    const current = await this.accounts.languageOf(actor);
    const languages = LANGUAGES.map((code) => ({ code, selected: code === current }));
    return { title: 'Your account', actor, csrfToken: req.sessionCsrf, mustChange: req.passwordChangeRequired === true, errors: [], notice: null, languages, ...extra };
  }
}
