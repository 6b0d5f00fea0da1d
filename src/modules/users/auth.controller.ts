import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { BeforePasswordChange, CurrentActor, Public, type AuthenticatedRequest } from './auth.decorators.js';
import { requireCsrf } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { JsonOnlyGuard } from '../../common/http/json-only.guard.js';
import { RateLimit } from '../../common/http/rate-limit.js';
import type { Actor } from './roles.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-cookie.js';
import { LoginDto, MeDto } from './user.dto.js';
import { ApiAnswer, ApiError, ApiErrors, ApiNoAuth, ApiNoContent, ApiStaffAuth, ApiSummary } from '../../common/openapi/api-docs.decorators.js';
import { AUTH_ANSWERS } from './auth.answers.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ApiSummary('Sign in with e-mail and password')
  @ApiAnswer(200, AUTH_ANSWERS.login, 'Signed in: a session cookie, the user and the CSRF token to send as X-CSRF-Token')
  @ApiErrors(400, 422)
  @ApiNoAuth()
  @Post('auth/login')
  @Public()
  // Needs no CSRF token (scripts sign in here), so it takes JSON only (login CSRF).
  @UseGuards(JsonOnlyGuard)
  @RateLimit('login')
  @HttpCode(200)
  @ApiError(401, 'Wrong e-mail or password')
  @ApiError(429, 'Too many attempts from this address or for this account; Retry-After says when to try again')
  @ApiError(503, 'Too many sign-ins being checked at once; Retry-After says when to try again')
  @ApiError(415, 'The body is not application/json')
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { user, session } = await this.auth.login(dto.email, dto.password, sessionToken(req));
    setSessionCookie(res, req, this.config, session.token);
    // mustChangePassword: a one-time password; until changed, only POST /api/me/password, GET /api/me and sign-out answer.
    return { user: { id: user.id, name: user.name, role: user.role, dealerId: user.dealerId, mustChangePassword: user.mustChangePassword }, csrfToken: session.csrfToken };
  }

  @ApiSummary('Sign out (ends the session)')
  @ApiNoContent()
  @ApiErrors(400, 422, 429)
  @ApiNoAuth()
  @Post('auth/logout')
  @Public()
  @HttpCode(204)
  async logout(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    // Public, so that signing out twice is no error; but ending a live session takes its CSRF token,
    // as on the page, or any site could sign a user out (found by the security suite's CSRF sweep).
    requireCsrf(req);
    await this.auth.logout(sessionToken(req));
    clearSessionCookie(res, req, this.config);
  }

  @ApiSummary('The signed-in caller')
  @ApiErrors(401, 403)
  @ApiStaffAuth()
  @Get('me')
  @BeforePasswordChange()
  @ApiOkResponse({ type: MeDto })
  me(@CurrentActor() actor: Actor): MeDto {
    return { id: actor.id, name: actor.name, role: actor.role, dealerId: actor.dealerId };
  }
}
