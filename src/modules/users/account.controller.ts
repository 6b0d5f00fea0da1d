import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { RateLimit } from '../../common/http/rate-limit.js';
import { AccountsService } from './accounts.service.js';
import { BeforePasswordChange, CurrentActor, type AuthenticatedRequest } from './auth.decorators.js';
import type { Actor } from './roles.js';
import { ChangePasswordDto } from './user.dto.js';
import { ApiError, ApiErrors, ApiSummary } from '../../common/openapi/api-docs.decorators.js';

class SessionsEndedDto {
  @ApiProperty({ description: 'how many other sessions of the caller were ended' }) sessionsEnded: number;
}

/** The signed-in user's own account: their password and their other sessions. A session only; API keys get 403. */
@ApiTags('account')
@ApiCookieAuth()
@Controller('api/me')
export class AccountController {
  constructor(private readonly accounts: AccountsService) {}

  /** Ends every other session of the user; this one stays. Also the way out of a one-time password. */
  @ApiSummary('Ends every other session of the user; this one stays. Also the way out of a one-time password')
  @ApiErrors(401, 422)
  @Post('password')
  @BeforePasswordChange()
  @RateLimit('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionsEndedDto, description: 'Changed; every other session of the user ended' })
  @ApiError(400, 'newPassword too short, common or unchanged; or currentPassword wrong')
  @ApiError(403, 'Called with an API key')
  @ApiError(429, 'Too many attempts (the sign-in budget)')
  changePassword(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest, @Body() dto: ChangePasswordDto): Promise<SessionsEndedDto> {
    return this.accounts.changePassword(actor, req.sessionId, dto);
  }

  @ApiSummary('End every other session of the signed-in user')
  @ApiErrors(400, 401, 422)
  @Post('sessions/revoke-others')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionsEndedDto, description: 'Every other session of the user ended; this one stays' })
  @ApiError(403, 'Called with an API key')
  revokeOthers(@CurrentActor() actor: Actor, @Req() req: AuthenticatedRequest): Promise<SessionsEndedDto> {
    return this.accounts.endOtherSessions(actor, req.sessionId);
  }
}
