import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { showFormAgain } from '../../common/http/form-page.js';
import { CUSTOMER_LANGUAGES, translateTree } from '../../common/i18n/translator.js';
import { RetryLaterError } from '../../common/errors/retry-later.error.js';
import { validated } from '../../common/http/validation.js';
import { BeforePasswordChange, Public, type AuthenticatedRequest } from './auth.decorators.js';
import { AuthService } from './auth.service.js';
import { landingPath, safeNext } from './landing.js';
import { clearLoginCsrf, issueLoginCsrf, loginCsrfMatches } from './login-csrf.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-cookie.js';
import { LoginDto } from './user.dto.js';

/** Public: the sign-in page is in the language the reader's browser asks for (no one is known yet). */
function signInWords(req: Request) {
  const lang = req.acceptsLanguages([...CUSTOMER_LANGUAGES]) || 'en';
  const t = translateTree(lang, 'signIn') as Record<string, string>;
  return { lang, t, title: t.title };
}

/** The browser's sign-in and sign-out. */
@ApiExcludeController()
@Controller()
export class AuthPageController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('/')
  @Public()
  home(@Req() req: AuthenticatedRequest, @Res() res: Response) {
    res.redirect(303, req.actor ? landingPath(req.actor.role) : '/login');
  }

  @Get('login')
  @Public()
  loginPage(@Req() req: AuthenticatedRequest, @Res() res: Response, @Query('next') next?: string) {
    if (req.actor) return res.redirect(303, safeNext(next) ?? landingPath(req.actor.role));
    res.render('auth/login', { ...signInWords(req), layout: 'layouts/public', next: safeNext(next), csrfToken: issueLoginCsrf(req, res, this.config) });
  }

  @Post('login')
  @Public()
  @RateLimit('login')
  async login(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const next = safeNext(body.next);
    const words = signInWords(req);
    const language = words.lang;
    const page = () => ({ ...words, layout: 'layouts/public', next, email: body.email, csrfToken: issueLoginCsrf(req, res, this.config) });
    const again = { view: 'auth/login', model: page, language, fields: { 'auth.unauthenticated': 'password' } };
    // Checked before anything else: a forged form signs no one in, whatever it holds.
    if (!loginCsrfMatches(req)) return showFormAgain(res, new DomainError('auth.csrf.forbidden', 'The sign-in form had expired; please sign in again.'), again);
    try {
      const dto = await validated(LoginDto, { email: body.email, password: body.password });
      const { user, session } = await this.auth.login(dto.email, dto.password, sessionToken(req));
      setSessionCookie(res, req, this.config, session.token);
      clearLoginCsrf(req, res, this.config);
      // A one-time password: straight to choosing one's own (nothing else answers until then).
      res.redirect(303, user.mustChangePassword ? '/account' : (next ?? landingPath(user.role)));
    } catch (e) {
      if (e instanceof RetryLaterError) res.setHeader('Retry-After', String(e.retryAfterSeconds));
      await showFormAgain(res, e, again);
    }
  }

  /** Sign-out is a POST with the CSRF token, so no other site can sign someone out. */
  @Post('logout')
  @BeforePasswordChange()
  async logout(@Req() req: Request, @Res() res: Response) {
    await this.auth.logout(sessionToken(req));
    clearSessionCookie(res, req, this.config);
    res.redirect(303, '/login');
  }
}
