import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { submitForm } from '../../common/http/form-page.js';
import { validated } from '../../common/http/validation.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { AccountsService } from './accounts.service.js';
import { BeforePasswordChange, CurrentActor, type AuthenticatedRequest } from './auth.decorators.js';
import type { Actor } from './roles.js';
import { ChangePasswordDto } from './user.dto.js';

type Form = Record<string, string | undefined>;

const NOTICES: Record<string, string> = {
  password: 'Your password is changed; your other sessions are signed out.',
  sessions: 'Your other sessions are signed out.',
};

/** The staff member's own account page: change the password, sign out other sessions. */
@ApiExcludeController()
@Controller('account')
export class AccountPageController {
  constructor(private readonly accounts: AccountsService) {}

  @Get()
  @BeforePasswordChange()
  show(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Res() res: Response, @Query('done') done?: string) {
    res.render('account/show', this.model(actor, req, { notice: (done && NOTICES[done]) || null }));
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

  private model(actor: Actor, req: AuthenticatedRequest, extra: Record<string, unknown>) {
    return { title: 'Your account', actor, csrfToken: req.sessionCsrf, mustChange: req.passwordChangeRequired === true, errors: [], notice: null, ...extra };
  }
}
